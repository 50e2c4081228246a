package org.coopledger.governance.clause;

/** How many members of an approval's groups must approve. */
public sealed interface Quantifier {
  /** Every eligible member ({@code all(...)}); an empty eligible set is never satisfied. */
  record All() implements Quantifier {}

  /** At least one eligible member ({@code any(...)}). */
  record Any() implements Quantifier {}

  /** At least {@code k} distinct eligible members ({@code k of ...}). */
  record AtLeast(int k) implements Quantifier {
    public AtLeast {
      if (k < 1 || k > 1000) {
        throw new IllegalArgumentException("k in 'k of' is between 1 and 1000, got " + k);
      }
    }
  }
}
