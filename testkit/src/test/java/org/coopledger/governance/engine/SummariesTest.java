package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.split.Account;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/**
 * Each applied entry says in one line what it did ({@link EntryOutcome.Applied#summary()}): the
 * transcript of a replay reads as the co-op's history, with the amounts, splits and members it
 * moved, never an empty line.
 */
class SummariesTest {
  private final CoopFixture coop = CoopFixture.demo();
  private final Story story = new Story(coop);

  private String who(String name) {
    return name + " (" + coop.id(name).hex().substring(0, 8) + "...)";
  }

  private String summary(byte[] entry) {
    return story.accept(entry).summary();
  }

  @Test
  void theDemoLedgersTranscriptTellsItsHistory() {
    List<AcceptedEntry> records = DemoLedger.records();
    List<String> lines =
        Replay.of(records).outcomes().stream()
            .map(o -> ((EntryOutcome.Applied) o).summary())
            .toList();
    String split = CoopFixture.idOf(records.get(1).signedEntry()).hex();
    String payout = CoopFixture.idOf(records.get(13).signedEntry()).hex();
    String decision = CoopFixture.idOf(records.get(17).signedEntry()).hex();

    assertThat(lines)
        .containsExactly(
            "founded Demo Co-op with 5 members",
            who("alice") + " proposed split 'Our first split' as " + split,
            who("alice") + " approved " + split,
            who("bob") + " approved " + split,
            who("carol") + " approved " + split,
            who("alice") + " voted YES on " + split,
            who("bob") + " voted YES on " + split,
            who("carol") + " voted YES on " + split,
            who("tess") + " voted YES on " + split,
            who("audrey") + " voted YES on " + split,
            "executed proposal " + split + ": split v1 in force",
            "recorded 250000 EUR from drop:spring-tour over split v1",
            "recorded 12345 EUR from subscription over split v1",
            who("alice") + " proposed payout 'Pay alice' as " + payout,
            who("tess") + " approved " + payout,
            who("bob") + " approved " + payout,
            "executed proposal " + payout + ": paid 50000 EUR to " + who("alice"),
            who("carol") + " proposed decision 'Record the next album in Lisbon' as " + decision,
            who("carol") + " voted YES on " + decision);
  }

  @Test
  void withdrawalsVetoesRotationsAndTheMoneyModelSayWhatTheyDid() {
    Account promotion = new Account(Account.Kind.POOL, "promotion");
    story.accept(
        coop.genesis(
            org.coopledger.governance.clause.DefaultRulebook.rulebook().text()
                + "pool-payout: 2 of role(treasurer)\n"
                + "drop: "
                + org.coopledger.governance.clause.DefaultRulebook.MAJORITY
                + "\n",
            List.of(new Share(coop.id("alice"), 10_000))));
    byte[] proposal =
        coop.propose(
            "alice",
            "",
            new Governed.SplitChange(
                List.of(new Share(coop.id("alice"), 9000), new Share(promotion.id(), 1000)),
                "drop:summer",
                List.of(promotion)));
    EntryId named = CoopFixture.idOf(proposal);
    assertThat(summary(proposal)).isEqualTo(who("alice") + " proposed split as " + named);
    assertThat(summary(coop.approve("bob", named))).isEqualTo(who("bob") + " approved " + named);
    assertThat(summary(coop.withdraw("bob", named)))
        .isEqualTo(who("bob") + " withdrew their approval of " + named);
    story.accept(coop.approve("alice", named));
    for (String m : RandomLedger.NAMES) {
      story.accept(coop.vote(m, named, VoteChoice.YES));
    }
    assertThat(summary(coop.execute("tess", named)))
        .isEqualTo("executed proposal " + named + ": split drop:summer v1 in force");

    byte[] routeProposal =
        coop.propose("alice", "", new Governed.RouteChange("drop:*", "drop:summer", false));
    EntryId route = CoopFixture.idOf(routeProposal);
    story.accept(routeProposal);
    story.accept(coop.approve("alice", route));
    for (String m : RandomLedger.NAMES) {
      story.accept(coop.vote(m, route, VoteChoice.YES));
    }
    assertThat(summary(coop.execute("tess", route)))
        .isEqualTo(
            "executed proposal " + route + ": revenue from drop:* goes to split drop:summer");
    assertThat(summary(coop.revenue("tess", 10_000, "EUR", "drop:spring")))
        .isEqualTo("recorded 10000 EUR from drop:spring over split drop:summer v1");

    byte[] poolProposal =
        coop.propose(
            "alice", "", new Governed.PoolPayout("promotion", 600, "EUR", "Print shop", "inv 17"));
    EntryId pool = CoopFixture.idOf(poolProposal);
    story.accept(poolProposal);
    story.accept(coop.approve("bob", pool));
    story.accept(coop.approve("tess", pool));
    assertThat(summary(coop.execute("alice", pool)))
        .isEqualTo(
            "executed proposal " + pool + ": paid 600 EUR out of pool:promotion to Print shop");

    String before = coop.key("carol").id().hex();
    String rotated = summary(coop.rotateKey("carol"));
    assertThat(rotated)
        .isEqualTo(who("carol") + " rotated key " + before + " to " + coop.key("carol").id().hex());
  }
}
