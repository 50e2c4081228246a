package org.coopledger.governance.action;

import java.util.regex.Pattern;

/**
 * Revenue that came in, in integer minor units of {@code currency}. {@code source} is {@code
 * subscription}, {@code sponsorship}, {@code workshop} or {@code drop:<name>}.
 */
public record RecordRevenue(long amountMinor, String currency, String source, String reference)
    implements Action {
  private static final Pattern SOURCE =
      Pattern.compile("subscription|sponsorship|workshop|drop:[^\\p{Cntrl}]{1,64}");

  public RecordRevenue {
    Fields.positiveAmount(amountMinor, "revenue amount");
    Fields.currency(currency);
    if (source == null || !SOURCE.matcher(source).matches() || source.strip().equals("drop:")) {
      throw new InvalidActionException(
          "revenue source '"
              + source
              + "' must be subscription, sponsorship, workshop or drop:<name>");
    }
    reference = Fields.text(reference, "revenue reference", Fields.MAX_NAME);
  }

  @Override
  public String kind() {
    return "revenue";
  }
}
