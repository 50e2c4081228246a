package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.error.CoopException;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Named splits and routing rules (docs/money.md): the band's summer drop has its own split, the
 * members' subscriptions their membership split, and everything else the default split. Nobody
 * moves anyone's part of any revenue without their approval.
 */
class NamedSplitsTest {
  private final CoopFixture coop = CoopFixture.demo();
  private final Story story = new Story(coop);

  @BeforeEach
  void foundWithTheDefaultSplit() {
    story.accept(
        coop.genesis(
            "",
            List.of(
                new Share(coop.id("alice"), 4000),
                new Share(coop.id("bob"), 3000),
                new Share(coop.id("carol"), 3000))));
  }

  /** Proposes, every member in {@code approvers} approves, everybody votes yes; returns the id. */
  private EntryId rally(String author, Governed governed, List<String> approvers) {
    byte[] proposal = coop.propose(author, "money", governed);
    story.accept(proposal);
    EntryId id = CoopFixture.idOf(proposal);
    for (String a : approvers) {
      story.accept(coop.approve(a, id));
    }
    for (String member : RandomLedger.NAMES) {
      story.accept(coop.vote(member, id, VoteChoice.YES));
    }
    return id;
  }

  private void adopt(Governed governed, List<String> approvers) {
    story.accept(coop.execute("tess", rally("alice", governed, approvers)));
  }

  private Governed.SplitChange split(String name, Object... memberAndBps) {
    java.util.ArrayList<Share> shares = new java.util.ArrayList<>();
    for (int i = 0; i < memberAndBps.length; i += 2) {
      shares.add(new Share(coop.id((String) memberAndBps[i]), (Integer) memberAndBps[i + 1]));
    }
    return new Governed.SplitChange(shares, name);
  }

  private static Governed.RouteChange route(String source, String split) {
    return new Governed.RouteChange(source, split, false);
  }

  private long balance(String name) {
    return story.state.balances().of(coop.id(name), "EUR");
  }

  @Test
  void aDropsRevenueGoesToItsOwnSplitOnceRoutedAndOtherRevenueToTheDefaultSplit() {
    adopt(split("drop:summer", "alice", 5000, "carol", 5000), List.of("alice", "carol"));
    adopt(route("drop:summer", "drop:summer"), List.of("alice", "bob", "carol"));

    story.accept(coop.revenue("tess", 10_001, "EUR", "drop:summer"));
    // 5000.5 each: the left-over cent goes to the lower member id (equal remainders).
    MemberId first =
        coop.id("alice").compareTo(coop.id("carol")) < 0 ? coop.id("alice") : coop.id("carol");
    assertThat(balance("alice") + balance("carol")).isEqualTo(10_001);
    assertThat(story.state.balances().of(first, "EUR")).isEqualTo(5001);
    assertThat(balance("bob")).isZero();

    story.accept(coop.revenue("tess", 1000, "EUR", "drop:winter"));
    assertThat(balance("bob")).isEqualTo(300);
    assertThat(story.state.splitNameFor("drop:winter")).isEmpty();
    assertThat(story.state.splitNameFor("drop:summer")).isEqualTo("drop:summer");
  }

  @Test
  void everySubscriptionGoesToTheMembershipSplitUnlessItsOwnRouteSaysOtherwise() {
    adopt(split("membership", "bob", 10_000), List.of("bob"));
    // The wildcard moves subscriptions from the default split to bob alone: alice and carol lose.
    adopt(route("subscription:*", "membership"), List.of("alice", "bob", "carol"));
    // One tier of subscriptions back to the default split: its own route beats the wildcard.
    adopt(route("subscription:patron", ""), List.of("alice", "bob", "carol"));

    story.accept(coop.revenue("tess", 500, "EUR", "subscription"));
    story.accept(coop.revenue("tess", 700, "EUR", "subscription:gold"));
    assertThat(balance("bob")).isEqualTo(1200);
    story.accept(coop.revenue("tess", 1000, "EUR", "subscription:patron"));
    assertThat(balance("alice")).isEqualTo(400);
    assertThat(balance("bob")).isEqualTo(1500);

    // Without its own route, patron subscriptions fall back to the wildcard again.
    adopt(
        new Governed.RouteChange("subscription:patron", "", true),
        List.of("alice", "bob", "carol"));
    story.accept(coop.revenue("tess", 1000, "EUR", "subscription:patron"));
    assertThat(balance("bob")).isEqualTo(2500);
  }

  @Test
  void aMemberCannotRedirectADropsRevenueToThemselvesWithoutEveryoneItIsTakenFrom() {
    adopt(split("drop:summer", "alice", 5000, "carol", 5000), List.of("alice", "carol"));
    adopt(route("drop:summer", "drop:summer"), List.of("alice", "bob", "carol"));
    // A split nobody's revenue goes to moves no money: bob adopts one for himself alone.
    adopt(split("bob-only", "bob", 10_000), List.of("bob"));

    // Then he asks for the drop's revenue; the members vote for it, but the split's members
    // (who would lose their part) have not approved.
    EntryId grab = rally("bob", route("drop:summer", "bob-only"), List.of("bob"));
    EntryOutcome.Rejected refused = story.reject(coop.execute("tess", grab), "CLAUSE_NOT_MET");
    assertThat(refused.message()).contains("alice").contains("carol");
    story.accept(coop.revenue("tess", 1000, "EUR", "drop:summer"));
    assertThat(balance("bob")).isZero();

    // Nor by changing the drop's split itself.
    EntryId creep =
        rally(
            "bob", split("drop:summer", "alice", 4000, "bob", 2000, "carol", 4000), List.of("bob"));
    story.reject(coop.execute("tess", creep), "CLAUSE_NOT_MET");

    // With their approval it is theirs to give.
    story.accept(coop.approve("alice", grab));
    story.accept(coop.approve("carol", grab));
    story.accept(coop.execute("tess", grab));
    story.accept(coop.revenue("tess", 1000, "EUR", "drop:summer"));
    assertThat(balance("bob")).isEqualTo(1000);
  }

  @Test
  void aRouteToASplitTheCoopHasNotAdoptedIsRefused() {
    EntryOutcome.Rejected r =
        story.reject(
            coop.propose("alice", "route", route("drop:summer", "drop:summer")),
            RejectionCode.UNKNOWN_SPLIT);
    assertThat(r.message()).contains("drop:summer");
  }

  @Test
  void aMemberWithAShareInANamedSplitCannotBeRemovedBeforeTheSplitChanges() {
    adopt(split("membership", "audrey", 10_000), List.of("audrey"));
    story.reject(
        coop.propose("alice", "remove", new Governed.RemoveMember(coop.id("audrey"))),
        RejectionCode.MEMBER_IN_SPLIT);
  }

  @Test
  void splitNamesAndRouteSourcesHaveAShape() {
    assertThatThrownBy(() -> split("Summer Drop", "alice", 10_000))
        .extracting(e -> ((CoopException) e).code())
        .isEqualTo("INVALID_ACTION");
    assertThatThrownBy(() -> route("merch:*", "x"))
        .extracting(e -> ((CoopException) e).code())
        .isEqualTo("INVALID_ACTION");
    assertThatThrownBy(() -> new Governed.RouteChange("drop:x", "y", true))
        .extracting(e -> ((CoopException) e).code())
        .isEqualTo("INVALID_ACTION");
  }

  @Test
  void namedSplitsAndRoutesSurviveTheCanonicalEncoding() {
    adopt(split("drop:summer", "alice", 5000, "carol", 5000), List.of("alice", "carol"));
    adopt(route("drop:*", "drop:summer"), List.of("alice", "bob", "carol"));
    adopt(split("drop:summer", "alice", 6000, "carol", 4000), List.of("alice", "carol"));

    CoopState decoded = CoopState.decode(story.state.encode());
    assertThat(decoded.digestHex()).isEqualTo(story.state.digestHex());
    assertThat(decoded.money()).isEqualTo(story.state.money());
    assertThat(decoded.money().splits().get("drop:summer")).hasSize(2);
    assertThat(decoded.splitNameFor("drop:anything")).isEqualTo("drop:summer");
  }
}
