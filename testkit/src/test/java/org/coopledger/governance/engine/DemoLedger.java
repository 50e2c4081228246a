package org.coopledger.governance.engine;

import java.util.ArrayList;
import java.util.List;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.testkit.CoopFixture;

/**
 * The demo co-op's ledger for {@code coop node --demo}: founded, a split adopted, revenue from a
 * drop and subscriptions, a payout made, and one decision still open. Every entry is valid and
 * accepted 100 ms after it was made. Deterministic: the same bytes on every run.
 */
public final class DemoLedger {
  private DemoLedger() {}

  /** The demo ledger's records, in order. */
  public static List<AcceptedEntry> records() {
    CoopFixture coop = CoopFixture.demo();
    List<AcceptedEntry> out = new ArrayList<>();
    add(out, coop, coop.genesis());

    byte[] splitProposal =
        coop.propose(
            "alice",
            "Our first split",
            new Governed.SplitChange(
                List.of(
                    new Share(coop.id("alice"), 4000),
                    new Share(coop.id("bob"), 3000),
                    new Share(coop.id("carol"), 3000))));
    add(out, coop, splitProposal);
    EntryId split = CoopFixture.idOf(splitProposal);
    for (String creator : List.of("alice", "bob", "carol")) {
      add(out, coop, coop.approve(creator, split));
    }
    for (String member : List.of("alice", "bob", "carol", "tess", "audrey")) {
      add(out, coop, coop.vote(member, split, VoteChoice.YES));
    }
    add(out, coop, coop.execute("tess", split));

    add(out, coop, coop.revenue("tess", 250_000, "EUR", "drop:spring-tour"));
    add(out, coop, coop.revenue("tess", 12_345, "EUR", "subscription"));

    byte[] payoutProposal =
        coop.propose(
            "alice", "Pay alice", new Governed.Payout(coop.id("alice"), 50_000, "EUR", "march"));
    add(out, coop, payoutProposal);
    EntryId payout = CoopFixture.idOf(payoutProposal);
    add(out, coop, coop.approve("tess", payout));
    add(out, coop, coop.approve("bob", payout));
    add(out, coop, coop.execute("audrey", payout));

    byte[] decision =
        coop.propose("carol", "Record the next album in Lisbon", new Governed.Decision());
    add(out, coop, decision);
    add(out, coop, coop.vote("carol", CoopFixture.idOf(decision), VoteChoice.YES));
    return List.copyOf(out);
  }

  private static void add(List<AcceptedEntry> out, CoopFixture coop, byte[] entry) {
    // The fixture's clock has moved one second past this entry's creation time.
    out.add(new AcceptedEntry(entry, coop.clock() - 1000 + 100));
  }
}
