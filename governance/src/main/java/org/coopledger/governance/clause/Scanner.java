package org.coopledger.governance.clause;

import java.util.function.Supplier;

/**
 * Character-level reading for {@link ClauseParser}: whitespace, words, numbers, durations, ratios
 * and member references, each failing with a {@link BadClauseException} at the exact offset.
 */
final class Scanner {
  private final String text;
  private final int end;
  private int pos;

  Scanner(String text, int start, int end) {
    this.text = text;
    this.pos = start;
    this.end = end;
  }

  int position() {
    return pos;
  }

  boolean atEnd() {
    skipSpace();
    return pos >= end;
  }

  void skipSpace() {
    while (pos < end && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  boolean accept(String symbol) {
    skipSpace();
    if (text.startsWith(symbol, pos) && pos + symbol.length() <= end) {
      pos += symbol.length();
      return true;
    }
    return false;
  }

  void expect(String symbol, String expected) {
    if (!accept(symbol)) {
      throw error("expected " + expected + ", found " + found());
    }
  }

  /** The word (letters, digits, '_', '-') starting here after spaces, without consuming it. */
  String peekWord() {
    skipSpace();
    if (pos >= end || !Character.isLetter(text.charAt(pos))) {
      return "";
    }
    int wordEnd = pos;
    while (wordEnd < end && isWordChar(text.charAt(wordEnd))) {
      wordEnd++;
    }
    return text.substring(pos, wordEnd);
  }

  String readWord() {
    String word = peekWord();
    pos += word.length();
    return word;
  }

  boolean acceptWord(String word) {
    if (peekWord().equals(word)) {
      pos += word.length();
      return true;
    }
    return false;
  }

  void expectWord(String word, String expected) {
    if (!acceptWord(word)) {
      throw error("expected " + expected + ", found " + found());
    }
  }

  boolean peekDigit() {
    skipSpace();
    return pos < end && isDigit(text.charAt(pos));
  }

  /** A whole number (digits, optionally grouped with '_') between 0 and {@code max}. */
  long integer(String what, long max) {
    skipSpace();
    int start = pos;
    if (!peekDigit()) {
      throw error("expected " + what + ", found " + found());
    }
    long value = 0;
    while (pos < end && (isDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      char c = text.charAt(pos++);
      if (c != '_') {
        if (value > (max - (c - '0')) / 10) {
          throw errorAt(start, what + " is at most " + max);
        }
        value = value * 10 + (c - '0');
      }
    }
    if (text.charAt(pos - 1) == '_') {
      throw errorAt(pos - 1, "a number does not end with '_'");
    }
    if (pos + 1 < end && text.charAt(pos) == '.' && isDigit(text.charAt(pos + 1))) {
      throw error(
          "numbers are whole: amounts are in minor units (write 100000 for 1000.00), "
              + "percentages are whole (or use a fraction such as 2/3)");
    }
    return value;
  }

  /** A duration: a whole number immediately followed by s, m, h or d. */
  Span span() {
    skipSpace();
    int start = pos;
    if (!peekDigit()) {
      throw error("expected a duration such as 30m, 48h or 7d, found " + found());
    }
    long amount = integer("a duration", Long.MAX_VALUE / 2);
    Span.Unit unit = pos < end ? Span.Unit.ofSymbol(text.charAt(pos)) : null;
    if (unit == null || (pos + 1 < end && isWordChar(text.charAt(pos + 1)))) {
      throw error("expected a time unit right after " + amount + ": s, m, h or d");
    }
    pos++;
    return build(start, () -> new Span(amount, unit));
  }

  /** A ratio: {@code 50%} or {@code 2/3}. */
  Ratio ratio() {
    skipSpace();
    int start = pos;
    int numerator = (int) integer("a percentage or fraction (as in 50% or 2/3)", 1000);
    if (accept("%")) {
      return build(start, () -> Ratio.percent(numerator));
    }
    if (accept("/")) {
      int denominator = (int) integer("a denominator", 1000);
      return build(start, () -> new Ratio(numerator, denominator));
    }
    throw error("expected '%' or '/' after " + numerator + " (as in 50% or 2/3)");
  }

  /** A member reference: a bare name or key id, or a "quoted" display name. */
  String memberRef() {
    skipSpace();
    if (accept("\"")) {
      StringBuilder ref = new StringBuilder();
      while (pos < end && text.charAt(pos) != '"') {
        char c = text.charAt(pos++);
        if (c == '\\' && pos < end && (text.charAt(pos) == '"' || text.charAt(pos) == '\\')) {
          c = text.charAt(pos++);
        }
        ref.append(c);
      }
      expect("\"", "'\"' to end the name");
      return ref.toString();
    }
    int start = pos;
    while (pos < end && isRefChar(text.charAt(pos))) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a member's name or key id (quote names with spaces), found " + found());
    }
    return text.substring(start, pos);
  }

  /** Runs a validating constructor, turning its complaint into an error at {@code start}. */
  <T> T build(int start, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      throw errorAt(start, e.getMessage());
    }
  }

  /** What stands at the current position, for "found ..." in messages. */
  String found() {
    skipSpace();
    if (pos >= end) {
      return "the end of the clause";
    }
    String word = peekWord();
    if (!word.isEmpty()) {
      return "'" + word + "'";
    }
    int numberEnd = pos;
    while (numberEnd < end && isDigit(text.charAt(numberEnd))) {
      numberEnd++;
    }
    return "'" + text.substring(pos, Math.max(numberEnd, pos + 1)) + "'";
  }

  String where(int offset) {
    int[] position = BadClauseException.position(text, offset);
    return "line " + position[0] + ", column " + position[1];
  }

  BadClauseException error(String problem) {
    skipSpace();
    return new BadClauseException(text, pos, problem);
  }

  BadClauseException errorAt(int offset, String problem) {
    return new BadClauseException(text, offset, problem);
  }

  static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  static boolean isRefChar(char c) {
    return (c < 128 && Character.isLetterOrDigit(c))
        || c == '_'
        || c == '-'
        || c == '.'
        || c == '@';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
