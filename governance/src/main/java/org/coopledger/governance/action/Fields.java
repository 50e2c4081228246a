package org.coopledger.governance.action;

import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Shape checks shared by the action records. */
final class Fields {
  static final int MAX_NAME = 100;
  static final int MAX_TEXT = 20_000;
  static final int MAX_RULEBOOK = 100_000;
  private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
  private static final Pattern SPLIT_NAME = Pattern.compile("[a-z0-9][a-z0-9._:-]{0,63}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z][A-Z0-9]{2,9}");

  private Fields() {}

  static <T> T required(T value, String what) {
    if (value == null) {
      throw new InvalidActionException(what + " is missing");
    }
    return value;
  }

  /** A display name or title: non-blank, no control characters, at most {@code max} chars. */
  static String name(String value, String what, int max) {
    required(value, what);
    if (value.isBlank()) {
      throw new InvalidActionException(what + " must not be blank");
    }
    return text(value, what, max);
  }

  /** Free text: no control characters except newline and tab, at most {@code max} chars. */
  static String text(String value, String what, int max) {
    String v = value == null ? "" : value;
    if (v.length() > max) {
      throw new InvalidActionException(what + " is longer than " + max + " characters");
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r') {
        throw new InvalidActionException(what + " contains a control character at position " + i);
      }
    }
    return v;
  }

  /** Roles sorted and without duplicates; each a lower-case identifier. */
  static List<String> roles(List<String> roles, String what) {
    TreeSet<String> sorted = new TreeSet<>();
    for (String role : required(roles, what)) {
      if (role == null || !ROLE.matcher(role).matches()) {
        throw new InvalidActionException(
            what
                + ": role '"
                + role
                + "' is not a lower-case name (letters, digits, '-' or '_', at most 32)");
      }
      if (!sorted.add(role)) {
        throw new InvalidActionException(what + ": role '" + role + "' is listed twice");
      }
    }
    return List.copyOf(sorted);
  }

  /** A split's name: "" (the default split) or a lower-case name of at most 64 characters. */
  static String splitName(String name, String what) {
    String n = name == null ? "" : name;
    if (!n.isEmpty() && !SPLIT_NAME.matcher(n).matches()) {
      throw new InvalidActionException(
          what
              + " '"
              + n
              + "' is not a split name (lower-case letters, digits, '.', '_', ':' or '-', at most"
              + " 64, starting with a letter or digit; empty for the default split)");
    }
    return n;
  }

  static String currency(String currency) {
    if (currency == null || !CURRENCY.matcher(currency).matches()) {
      throw new InvalidActionException(
          "currency '" + currency + "' is not a code of 3 to 10 upper-case letters, e.g. EUR");
    }
    return currency;
  }

  static long positiveAmount(long amountMinor, String what) {
    if (amountMinor <= 0) {
      throw new InvalidActionException(
          what + " must be a positive number of minor units (cents), got " + amountMinor);
    }
    return amountMinor;
  }
}
