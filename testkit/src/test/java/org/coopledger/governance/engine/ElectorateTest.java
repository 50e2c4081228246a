package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.coopledger.governance.action.Action;
import org.coopledger.governance.action.CastVote;
import org.coopledger.governance.action.Entry;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Execute;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.NewMember;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.clause.ActionKind;
import org.coopledger.governance.clause.Clause;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.EntrySignature;
import org.coopledger.governance.codec.EntrySigner;
import org.coopledger.governance.codec.SigningBytes;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.proto.ChangeRoles;
import org.coopledger.governance.proto.CreateProposal;
import org.coopledger.governance.proto.Decision;
import org.coopledger.governance.proto.EntryBody;
import org.coopledger.governance.proto.RulebookChange;
import org.coopledger.governance.proto.SignedEntry;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who votes, and with what weight, comes only from the rulebook: never from the proposer. The
 * attacks here are alice's, one member of five, trying to decide alone.
 */
class ElectorateTest {
  private static final List<String> ALL = List.of("alice", "bob", "carol", "tess", "audrey");
  private final CoopFixture coop = CoopFixture.demo();
  private final Story story = new Story(coop);
  private EntryId attempted;

  @BeforeEach
  void found() {
    story.accept(coop.genesis());
  }

  /**
   * A create-proposal entry built by hand with the old {@code vote_weights} field (number 3) naming
   * only alice, in canonical field order, signed by alice.
   */
  private byte[] proposalNamingItsOwnVoters(
      String author, long nonce, int governedField, byte[] governed, Map<MemberId, Long> weights)
      throws IOException {
    ByteArrayOutputStream proposal = new ByteArrayOutputStream();
    CodedOutputStream p = CodedOutputStream.newInstance(proposal);
    p.writeString(1, "decided by me");
    for (var w : weights.entrySet()) {
      ByteArrayOutputStream weight = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(weight);
      out.writeString(1, w.getKey().hex());
      out.writeUInt64(2, w.getValue());
      out.flush();
      p.writeBytes(3, ByteString.copyFrom(weight.toByteArray()));
    }
    p.writeBytes(governedField, ByteString.copyFrom(governed));
    p.flush();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        EntryBody.newBuilder()
            .setCoopId(coop.coopId())
            .setAuthorKeyId(coop.key(author).id().hex())
            .setNonce(nonce)
            .setCreatedAtMillis(coop.clock())
            .setExpiresAtMillis(coop.clock() + 600_000)
            .build()
            .toByteArray());
    CodedOutputStream b = CodedOutputStream.newInstance(body);
    b.writeBytes(
        EntryBody.CREATE_PROPOSAL_FIELD_NUMBER, ByteString.copyFrom(proposal.toByteArray()));
    b.flush();
    byte[] bodyBytes = body.toByteArray();
    byte[] signature = coop.key(author).sign(SigningBytes.of(bodyBytes));
    return EntryCodec.encodeSigned(
        bodyBytes, List.of(new EntrySignature(coop.key(author).id(), signature)));
  }

  private byte[] signed(String author, long nonce, Action action) {
    Entry entry =
        new Entry(
            coop.coopId(),
            coop.key(author).id(),
            nonce,
            coop.clock(),
            coop.clock() + 600_000,
            action);
    return EntrySigner.sign(entry, coop.key(author));
  }

  /** Alice's attack: propose naming herself the only voter, vote yes, execute. */
  private List<EntryOutcome> attack(int governedField, byte[] governed) throws Exception {
    byte[] proposal =
        proposalNamingItsOwnVoters(
            "alice", 100, governedField, governed, Map.of(coop.id("alice"), 1L));
    EntryId id =
        new EntryId(
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest(SignedEntry.parseFrom(proposal).getBody().toByteArray())));
    attempted = id;
    return List.of(
        story.submit(proposal),
        story.submit(signed("alice", 101, new CastVote(id, VoteChoice.YES, ""))),
        story.submit(signed("alice", 102, new Execute(id))));
  }

  private static void refusedAsUnknownField(List<EntryOutcome> outcomes) {
    assertThat(outcomes.get(0)).isInstanceOf(EntryOutcome.Rejected.class);
    EntryOutcome.Rejected refused = (EntryOutcome.Rejected) outcomes.get(0);
    assertThat(refused.code()).isEqualTo("UNKNOWN_FIELD");
    assertThat(refused.message()).contains("vote_weights").contains("rulebook");
    assertThat(outcomes.subList(1, 3))
        .allSatisfy(
            o -> assertThat(((EntryOutcome.Rejected) o).code()).isEqualTo("UNKNOWN_PROPOSAL"));
  }

  @Test
  void aMemberCannotMakeHerselfTreasurerByNamingHerselfTheOnlyVoter() throws Exception {
    byte[] roles =
        ChangeRoles.newBuilder()
            .setMemberId(coop.id("alice").hex())
            .addRoles("creator")
            .addRoles("treasurer")
            .build()
            .toByteArray();
    List<EntryOutcome> outcomes = attack(CreateProposal.CHANGE_ROLES_FIELD_NUMBER, roles);

    assertThat(story.state.member(coop.id("alice")).orElseThrow().roles())
        .containsExactly("creator");
    refusedAsUnknownField(outcomes);
  }

  @Test
  void aMemberCannotReplaceTheRulebookByNamingHerselfTheOnlyVoter() throws Exception {
    String mine = story.state.rulebook().replace("2 of role(treasurer)", "always");
    byte[] change = RulebookChange.newBuilder().setRulebook(mine).build().toByteArray();
    List<EntryOutcome> outcomes = attack(CreateProposal.RULEBOOK_CHANGE_FIELD_NUMBER, change);
    // The default rulebook has a 48 h timelock; run the execute past it too.
    coop.setClock(coop.clock() + 49 * 3_600_000L);
    EntryOutcome late = story.submit(signed("alice", 103, new Execute(attempted)));

    assertThat(late).isInstanceOf(EntryOutcome.Rejected.class);
    assertThat(story.state.rulebook()).doesNotContain("always");
    refusedAsUnknownField(outcomes);
  }

  @Test
  void aMemberCannotPassADecisionAloneByNamingHerselfTheOnlyVoter() throws Exception {
    List<EntryOutcome> outcomes =
        attack(CreateProposal.DECISION_FIELD_NUMBER, Decision.getDefaultInstance().toByteArray());

    assertThat(story.state.proposals()).isEmpty();
    refusedAsUnknownField(outcomes);
  }

  @Test
  void membersAdmittedAfterAProposalOpensDoNotVoteOnIt() {
    byte[] decision = coop.propose("alice", "open before dana", new Governed.Decision());
    story.accept(decision);
    EntryId d = CoopFixture.idOf(decision);
    coop.addKey("dana");
    byte[] admit =
        coop.propose(
            "bob", "admit dana", new Governed.AdmitMember(coop.newMember("dana", List.of())));
    story.accept(admit);
    for (String m : ALL) {
      story.accept(coop.vote(m, CoopFixture.idOf(admit), VoteChoice.YES));
    }
    story.accept(coop.execute("bob", CoopFixture.idOf(admit)));

    story.reject(coop.vote("dana", d, VoteChoice.YES), "NOT_ELIGIBLE");
  }

  @Test
  void aRemovedMembersBallotStopsCounting() {
    byte[] decision = coop.propose("alice", "tess decides it", new Governed.Decision());
    story.accept(decision);
    EntryId d = CoopFixture.idOf(decision);
    // alice, bob and tess: 3 of 5, a majority even if everyone else says no.
    for (String m : List.of("alice", "bob", "tess")) {
      story.accept(coop.vote(m, d, VoteChoice.YES));
    }
    byte[] remove =
        coop.propose("carol", "remove tess", new Governed.RemoveMember(coop.id("tess")));
    story.accept(remove);
    for (String m : List.of("alice", "bob", "carol", "audrey")) {
      story.accept(coop.vote(m, CoopFixture.idOf(remove), VoteChoice.YES));
    }
    story.accept(coop.execute("carol", CoopFixture.idOf(remove)));

    // Without tess: 2 yes of 4 eligible; carol and audrey could still make it 2 : 2.
    EntryOutcome.Rejected r = story.reject(coop.execute("alice", d), "CLAUSE_NOT_MET");
    assertThat(r.message()).contains("of 4 eligible");
  }

  @Test
  void onlyTheGroupsTheRulebookNamesMayProposeAKind() {
    Story limited = new Story(CoopFixture.demo());
    CoopFixture c = limited.coop;
    limited.accept(
        c.genesis(DefaultRulebook.rulebook().text() + "propose split: role(creator)\n", List.of()));
    assertThat(limited.state.rulebook()).endsWith("propose split: role(creator)\n");
    Governed.SplitChange toTess =
        new Governed.SplitChange(List.of(new Share(c.id("tess"), 10_000)));

    EntryOutcome.Rejected r = limited.reject(c.propose("tess", "all mine", toTess), "NOT_ALLOWED");
    assertThat(r.message()).contains("role(creator)");
    limited.accept(c.propose("alice", "all to tess", toTess));
    limited.accept(c.propose("tess", "anyone may decide", new Governed.Decision()));
  }

  @Test
  void aVoteOfCreatorsByShareWeighsTheirBasisPointsAndNobodyElse() {
    Story weighted = new Story(CoopFixture.demo());
    CoopFixture c = weighted.coop;
    weighted.accept(
        c.genesis(
            DefaultRulebook.rulebook()
                .with(
                    ActionKind.DECISION,
                    Clause.parse(
                        "vote(of=role(creator), weight=share, quorum=50%, approve>50%, window=7d)"))
                .text(),
            List.of(
                new Share(c.id("alice"), 6000),
                new Share(c.id("bob"), 2500),
                new Share(c.id("carol"), 1500))));
    byte[] decision = c.propose("bob", "alice's call", new Governed.Decision());
    weighted.accept(decision);
    EntryId d = CoopFixture.idOf(decision);

    weighted.reject(c.vote("tess", d, VoteChoice.YES), "NOT_ELIGIBLE");
    weighted.reject(c.vote("audrey", d, VoteChoice.YES), "NOT_ELIGIBLE");
    weighted.accept(c.vote("bob", d, VoteChoice.YES));
    weighted.accept(c.vote("carol", d, VoteChoice.YES));
    // 4 000 of 10 000 basis points: alice's 6 000 can still say no.
    weighted.reject(c.execute("bob", d), "CLAUSE_NOT_MET");
    weighted.accept(c.vote("alice", d, VoteChoice.NO));
    weighted.accept(c.execute("bob", d));
    assertThat(weighted.state.proposal(d).orElseThrow().status())
        .isEqualTo(ProposalStatus.REJECTED);
  }

  @Test
  void aRemovedMembersNameIsRetired() {
    byte[] remove =
        coop.propose("carol", "remove tess", new Governed.RemoveMember(coop.id("tess")));
    story.accept(remove);
    for (String m : List.of("alice", "bob", "carol", "audrey")) {
      story.accept(coop.vote(m, CoopFixture.idOf(remove), VoteChoice.YES));
    }
    story.accept(coop.execute("carol", CoopFixture.idOf(remove)));

    NewMember impostor =
        new NewMember(coop.addKey("mallory").publicKey(), "Tess", List.of("treasurer"));
    EntryOutcome.Rejected r =
        story.reject(
            coop.propose("bob", "a new tess", new Governed.AdmitMember(impostor)),
            "DUPLICATE_MEMBER");
    assertThat(r.message()).contains("retired");
  }

  @Test
  void aRemovedMembersApprovalStopsCounting() {
    Story s = new Story(CoopFixture.demo());
    CoopFixture c = s.coop;
    s.accept(
        c.genesis(
            DefaultRulebook.rulebook()
                .with(ActionKind.DECISION, Clause.parse("2 of role(treasurer) allow-interested"))
                .with(ActionKind.REMOVE, Clause.parse("any(role(auditor))"))
                .text(),
            List.of()));
    byte[] decision = c.propose("alice", "two treasurers", new Governed.Decision());
    s.accept(decision);
    EntryId d = CoopFixture.idOf(decision);
    s.accept(c.approve("bob", d));
    s.accept(c.approve("tess", d));
    byte[] remove = c.propose("alice", "remove tess", new Governed.RemoveMember(c.id("tess")));
    s.accept(remove);
    s.accept(c.approve("audrey", CoopFixture.idOf(remove)));
    s.accept(c.execute("audrey", CoopFixture.idOf(remove)));

    s.reject(c.execute("alice", d), "CLAUSE_NOT_MET");
  }
}
