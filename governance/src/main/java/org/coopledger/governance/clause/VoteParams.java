package org.coopledger.governance.clause;

/**
 * Parses the parameters of {@code vote(of=role(creator), weight=share, quorum=50%, approve>=2/3,
 * window=7d)}: in any order, each at most once, each optional. Defaults: {@code of=members}, {@code
 * weight=equal}, {@code quorum=0%}, {@code approve>50%}, {@code window=7d}.
 */
final class VoteParams {
  static final Ratio DEFAULT_QUORUM = Ratio.percent(0);
  static final Ratio DEFAULT_APPROVE = Ratio.percent(50);
  static final Span DEFAULT_WINDOW = Span.of(7, Span.Unit.DAYS);

  private VoteParams() {}

  static Clause.Vote parse(Scanner in, ClauseParser parser) {
    in.skipSpace();
    int start = in.position();
    in.expect("(", "'(' after 'vote'");
    Group of = null;
    Clause.Weight weight = null;
    Ratio quorum = null;
    Ratio approve = null;
    boolean strict = true;
    Span window = null;
    if (!in.accept(")")) {
      do {
        in.skipSpace();
        int at = in.position();
        String name = in.readWord();
        switch (name) {
          case "of" -> {
            once(in, at, of, name);
            in.expect("=", "'=' after 'of'");
            of = parser.group();
          }
          case "weight" -> {
            once(in, at, weight, name);
            in.expect("=", "'=' after 'weight'");
            in.skipSpace();
            int w = in.position();
            String value = in.readWord();
            weight =
                switch (value) {
                  case "equal" -> Clause.Weight.EQUAL;
                  case "share" -> Clause.Weight.SHARE;
                  default ->
                      throw in.errorAt(
                          w,
                          "expected a weighting (equal or share), found "
                              + (value.isEmpty() ? in.found() : "'" + value + "'"));
                };
          }
          case "quorum" -> {
            once(in, at, quorum, name);
            in.expect("=", "'=' after 'quorum'");
            quorum = in.ratio();
          }
          case "approve" -> {
            once(in, at, approve, name);
            if (in.accept(">=")) {
              strict = false;
            } else {
              in.expect(">", "'>' or '>=' after 'approve'");
            }
            approve = in.ratio();
          }
          case "window" -> {
            once(in, at, window, name);
            in.expect("=", "'=' after 'window'");
            window = in.span();
          }
          default ->
              throw in.errorAt(
                  at,
                  "expected a vote parameter (of=, weight=, quorum=, approve> or approve>=,"
                      + " window=), found "
                      + (name.isEmpty() ? in.found() : "'" + name + "'"));
        }
      } while (in.accept(","));
      in.expect(")", "',' and another vote parameter, or ')'");
    }
    Group o = of == null ? new Group.AllMembers() : of;
    Clause.Weight wt = weight == null ? Clause.Weight.EQUAL : weight;
    Ratio q = quorum == null ? DEFAULT_QUORUM : quorum;
    Ratio a = approve == null ? DEFAULT_APPROVE : approve;
    Span w = window == null ? DEFAULT_WINDOW : window;
    boolean s = strict;
    return in.build(start, () -> new Clause.Vote(o, wt, q, s, a, w));
  }

  private static void once(Scanner in, int at, Object previous, String name) {
    if (previous != null) {
      throw in.errorAt(at, "'" + name + "' is given twice");
    }
  }
}
