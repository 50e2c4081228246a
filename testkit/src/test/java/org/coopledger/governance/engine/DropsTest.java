package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/**
 * Limited drops (docs/money.md#drops): the summer-tour vinyl is 3 copies at 25.00 EUR, on sale for
 * a day after the show. Its revenue counts copies, at its price, in its window, and nobody — not
 * even a treasurer — records a sale past the last copy.
 */
class DropsTest {
  private static final long HOUR = 3_600_000L;

  private final CoopFixture coop = CoopFixture.demo();
  private final Story story = new Story(coop);
  private long opens;

  private void found(boolean withDropClause) {
    story.accept(
        coop.genesis(
            DefaultRulebook.rulebook().text()
                + (withDropClause ? "drop: " + DefaultRulebook.MAJORITY + "\n" : ""),
            List.of(
                new Share(coop.id("alice"), 4000),
                new Share(coop.id("bob"), 3000),
                new Share(coop.id("carol"), 3000))));
    opens = coop.clock() - HOUR;
  }

  private Governed.DefineDrop vinyl() {
    return new Governed.DefineDrop(
        "summer-vinyl", "Harbour Hall, 21 June", 3, 2500, "EUR", opens, opens + 25 * HOUR);
  }

  private void define() {
    byte[] proposal = coop.propose("alice", "vinyl", vinyl());
    story.accept(proposal);
    EntryId id = CoopFixture.idOf(proposal);
    for (String member : RandomLedger.NAMES) {
      story.accept(coop.vote(member, id, VoteChoice.YES));
    }
    story.accept(coop.execute("bob", id));
  }

  private byte[] sale(long units, long amount, String currency) {
    return coop.revenue("tess", amount, currency, "drop:summer-vinyl", units);
  }

  @Test
  void aDropSellsOutAndNotOneCopyMore() {
    found(true);
    define();

    story.accept(sale(2, 5000, "EUR"));
    EntryOutcome.Rejected over = story.reject(sale(2, 5000, "EUR"), RejectionCode.DROP_SOLD_OUT);
    assertThat(over.message()).contains("1 of its 3 units left");
    story.accept(sale(1, 2500, "EUR"));
    story.reject(sale(1, 2500, "EUR"), RejectionCode.DROP_SOLD_OUT);

    assertThat(story.state.money().drops().get("summer-vinyl").sold()).isEqualTo(3);
    assertThat(story.state.balances().of(coop.id("alice"), "EUR")).isEqualTo(3000);
  }

  @Test
  void aSaleMustBeAtTheDropsPriceInItsCurrencyAndCountItsUnits() {
    found(true);
    define();

    story.reject(sale(1, 2000, "EUR"), RejectionCode.PRICE_MISMATCH);
    story.reject(sale(1, 2500, "USD"), RejectionCode.PRICE_MISMATCH);
    story.reject(sale(0, 2500, "EUR"), RejectionCode.PRICE_MISMATCH);
    story.reject(sale(Long.MAX_VALUE, 2500, "EUR"), RejectionCode.PRICE_MISMATCH);
    story.reject(coop.revenue("tess", 2500, "EUR", "drop:unknown", 1), RejectionCode.UNKNOWN_DROP);
  }

  @Test
  void aDropIsOnSaleOnlyInItsWindow() {
    found(true);
    define();
    coop.setClock(opens + 26 * HOUR);

    story.reject(sale(1, 2500, "EUR"), RejectionCode.DROP_NOT_ON_SALE);
  }

  @Test
  void aRulebookWithoutADropClauseDefinesNoDropsAndADropIsDefinedOnce() {
    found(false);
    story.reject(coop.propose("alice", "vinyl", vinyl()), RejectionCode.NOT_ALLOWED);

    CoopFixture other = CoopFixture.demo();
    Story second = new Story(other);
    second.accept(
        other.genesis(
            DefaultRulebook.rulebook().text() + "drop: " + DefaultRulebook.MAJORITY + "\n",
            List.of(new Share(other.id("alice"), 10_000))));
    assertThat(second.state.rulebook()).contains("drop: ");
  }

  @Test
  void aDropIsDefinedOnlyOnceAndSurvivesTheCanonicalEncoding() {
    found(true);
    define();
    story.accept(sale(1, 2500, "EUR"));
    story.reject(coop.propose("alice", "again", vinyl()), RejectionCode.DUPLICATE_DROP);

    CoopState decoded = CoopState.decode(story.state.encode());
    assertThat(decoded.digestHex()).isEqualTo(story.state.digestHex());
    assertThat(decoded.money().drops().get("summer-vinyl").sold()).isEqualTo(1);
  }
}
