package org.coopledger.governance.split;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.coopledger.governance.crypto.MemberId;

/**
 * A split recipient that is not a member (docs/money.md): a co-op {@link Kind#POOL pool} (treasury,
 * promotion fund, hardship fund) or a {@link Kind#GUEST guest} (a producer, a venue: a payee with
 * no vote and no key). Written {@code pool:<name>} or {@code guest:<name>}.
 *
 * <p>Its {@link #id()} takes a member id's place in shares and balances: the first 16 bytes of
 * SHA-256 of {@code "coopledger/account\n" + text()}, as 32 lowercase hex characters. No key has
 * that id (it would take a SHA-256 collision), so an account never signs, votes or approves.
 */
public record Account(Kind kind, String name) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /** What an account is. */
  public enum Kind {
    /** A co-op account that holds a balance; paid out under the rulebook's pool-payout clause. */
    POOL,
    /** A payee outside the co-op, paid out under the payout clause. */
    GUEST;

    String prefix() {
      return name().toLowerCase(java.util.Locale.ROOT) + ":";
    }
  }

  public Account {
    if (kind == null || name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "an account name is lower-case letters, digits, '.', '_' or '-' (at most 64), got '"
              + name
              + "'");
    }
  }

  /** The account written as {@code text} ({@code pool:promotion}, {@code guest:venue}), if any. */
  public static Optional<Account> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (Kind kind : Kind.values()) {
      if (text.startsWith(kind.prefix())) {
        String name = text.substring(kind.prefix().length());
        return NAME.matcher(name).matches()
            ? Optional.of(new Account(kind, name))
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** {@code pool:<name>} or {@code guest:<name>}. */
  public String text() {
    return kind.prefix() + name;
  }

  /** The id that stands for this account in shares and balances. */
  public MemberId id() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("coopledger/account\n" + text()).getBytes(UTF_8));
      return new MemberId(HexFormat.of().formatHex(Arrays.copyOf(digest, 16)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return text();
  }
}
