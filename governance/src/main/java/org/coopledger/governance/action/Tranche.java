package org.coopledger.governance.action;

import org.coopledger.governance.crypto.MemberId;

/**
 * A recoup tranche of a split version (docs/money.md#recoup): the first {@code amountMinor} of
 * {@code currency} that the split receives go to {@code recipient} (a member, or a pool or guest by
 * its account id) before anything is divided by shares. {@code label} says what is repaid, in words
 * ("promotion", "pressing").
 */
public record Tranche(MemberId recipient, long amountMinor, String currency, String label) {
  public Tranche {
    Fields.required(recipient, "recoup recipient");
    Fields.positiveAmount(amountMinor, "recoup amount");
    Fields.currency(currency);
    label = Fields.text(label, "recoup label", Fields.MAX_NAME);
  }
}
