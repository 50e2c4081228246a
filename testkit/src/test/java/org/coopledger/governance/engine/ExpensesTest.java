package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.EntrySignature;
import org.coopledger.governance.codec.SigningBytes;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.proto.EntryBody;
import org.coopledger.governance.split.Account;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/**
 * Expenses (docs/money.md#expenses): carol paid 42.50 EUR for posters and claims it back, with the
 * SHA-256 of the printer's invoice. Paid from the promotion pool, or repaid before the summer
 * drop's split; only under the rulebook's expense clause.
 */
class ExpensesTest {
  private static final Account PROMOTION = new Account(Account.Kind.POOL, "promotion");
  private static final String RECEIPT =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  private static final String SUMMER = "drop:summer";

  private final CoopFixture coop = CoopFixture.demo();
  private final Story story = new Story(coop);

  /** Founds the co-op; drop:summer gives half to the promotion pool; 100.00 EUR of sales. */
  private void found(boolean withExpenseClause) {
    found(withExpenseClause ? "2 of role(treasurer)" : null);
  }

  private void found(String expenseClause) {
    story.accept(
        coop.genesis(
            DefaultRulebook.rulebook().text()
                + (expenseClause != null ? "expense: " + expenseClause + "\n" : ""),
            List.of(
                new Share(coop.id("alice"), 4000),
                new Share(coop.id("bob"), 3000),
                new Share(coop.id("carol"), 3000))));
    adopt(
        new Governed.SplitChange(
            List.of(new Share(coop.id("carol"), 5000), new Share(PROMOTION.id(), 5000)),
            SUMMER,
            List.of(PROMOTION)),
        List.of("carol"));
    adopt(new Governed.RouteChange(SUMMER, SUMMER, false), List.of("alice", "bob", "carol"));
    story.accept(coop.revenue("tess", 10_000, "EUR", SUMMER));
  }

  private EntryId rally(String author, Governed governed, List<String> approvers) {
    byte[] proposal = coop.propose(author, "money", governed);
    story.accept(proposal);
    EntryId id = CoopFixture.idOf(proposal);
    for (String a : approvers) {
      story.accept(coop.approve(a, id));
    }
    if (!(governed instanceof Governed.Expense)) {
      // The split clause votes; the expense clause of these stories only counts approvals.
      for (String member : RandomLedger.NAMES) {
        story.accept(coop.vote(member, id, VoteChoice.YES));
      }
    }
    return id;
  }

  private void adopt(Governed governed, List<String> approvers) {
    story.accept(coop.execute("audrey", rally("alice", governed, approvers)));
  }

  private Governed.Expense fromPool(long amount) {
    return new Governed.Expense(coop.id("carol"), amount, "EUR", RECEIPT, "promotion", "");
  }

  private long eur(org.coopledger.governance.crypto.MemberId id) {
    return story.state.balances().of(id, "EUR");
  }

  @Test
  void anExpensePaidFromAPoolMovesThePoolsMoneyToTheClaimant() {
    found(true);
    long carol = eur(coop.id("carol"));

    story.accept(coop.execute("audrey", rally("carol", fromPool(4_250), List.of("bob", "tess"))));

    assertThat(eur(PROMOTION.id())).isEqualTo(5_000 - 4_250);
    assertThat(eur(coop.id("carol"))).isEqualTo(carol + 4_250);
    // The statements show the reimbursement, with the entry that caused it, on both sides.
    assertThat(movements(PROMOTION.text()))
        .containsExactly("5000 revenue drop:summer", "-4250 expense");
    assertThat(movements("carol")).containsExactly("5000 revenue drop:summer", "4250 expense");
  }

  /** The journal's movements of {@code name}'s balance (refused entries are left out). */
  private List<String> movements(String name) {
    var journal = new org.coopledger.governance.report.MoneyJournal();
    CoopState s = CoopState.empty();
    for (var record : story.ledger) {
      if (StateMachine.apply(s, record, SignatureVerifier.CRYPTO)
          instanceof EntryOutcome.Applied applied) {
        journal.applied(journal.size(), s, applied, record.toBytes());
        s = applied.state();
      }
    }
    return journal.movements().stream()
        .filter(m -> m.name().equals(name))
        .map(m -> m.amountMinor() + " " + m.cause())
        .toList();
  }

  @Test
  void anExpenseThePoolNoLongerCoversIsRefusedWhenProposedAndWhenExecuted() {
    found(true);
    story.reject(
        coop.propose("carol", "too much", fromPool(5_001)), RejectionCode.INSUFFICIENT_BALANCE);

    EntryId first = rally("carol", fromPool(3_000), List.of("bob", "tess"));
    EntryId second = rally("carol", fromPool(3_000), List.of("bob", "tess"));
    story.accept(coop.execute("audrey", first));
    story.reject(coop.execute("audrey", second), RejectionCode.INSUFFICIENT_BALANCE);
    assertThat(eur(PROMOTION.id())).isEqualTo(2_000);
  }

  @Test
  void aMemberCannotPayThemselvesFromAPoolWithoutTheExpenseClause() {
    found(false);

    // No expense clause: no expense, however many approve.
    story.reject(coop.propose("carol", "mine", fromPool(4_250)), RejectionCode.NOT_ALLOWED);
    // Nor through the payout clause: a payout never names a pool.
    story.reject(
        coop.propose("carol", "mine", new Governed.Payout(PROMOTION.id(), 4_250, "EUR", "")),
        RejectionCode.PAYOUT_FROM_POOL);
    assertThat(eur(PROMOTION.id())).isEqualTo(5_000);
  }

  @Test
  void anExpenseBeforeTheSplitIsRepaidFromTheSplitsNextRevenueFirst() {
    found(true);
    story.accept(
        coop.execute(
            "audrey",
            rally(
                "carol",
                new Governed.Expense(coop.id("alice"), 4_250, "EUR", RECEIPT, "", SUMMER),
                List.of("bob", "tess"))));
    var tranche = story.state.money().recoup(SUMMER).orElseThrow().tranches().get(0);
    assertThat(tranche.tranche().recipient()).isEqualTo(coop.id("alice"));
    assertThat(tranche.owedMinor()).isEqualTo(4_250);

    story.accept(coop.revenue("tess", 5_000, "EUR", SUMMER));

    assertThat(eur(coop.id("alice"))).isEqualTo(4_250);
    assertThat(eur(PROMOTION.id())).isEqualTo(5_000 + 375);
    assertThat(story.state.money().recoup(SUMMER).orElseThrow().tranches().get(0).owedMinor())
        .isZero();
    assertThat(CoopState.decode(story.state.encode()).digestHex())
        .isEqualTo(story.state.digestHex());
  }

  @Test
  void aTreasurersApprovalDoesNotCountForTheirOwnExpense() {
    found(true);
    EntryId own =
        rally(
            "bob",
            new Governed.Expense(coop.id("bob"), 1_000, "EUR", RECEIPT, "promotion", ""),
            List.of("bob", "tess"));

    story.reject(coop.execute("audrey", own), RejectionCode.CLAUSE_NOT_MET);
    assertThat(eur(PROMOTION.id())).isEqualTo(5_000);
  }

  @Test
  void theExpenseClauseSeesTheClaimsAmount() {
    found(
        "if amount > 1000 then 2 of role(treasurer) & any(role(auditor)) else 2 of role(treasurer)");
    EntryId big = rally("carol", fromPool(1_001), List.of("bob", "tess"));
    story.reject(coop.execute("alice", big), RejectionCode.CLAUSE_NOT_MET);
    story.accept(coop.approve("audrey", big));
    story.accept(coop.execute("alice", big));

    story.accept(coop.execute("alice", rally("carol", fromPool(1_000), List.of("bob", "tess"))));
    assertThat(eur(PROMOTION.id())).isEqualTo(5_000 - 2_001);
  }

  @Test
  void anExpenseBeforeASplitTheCoopHasNotAdoptedIsRefused() {
    found(true);
    story.reject(
        coop.propose(
            "carol",
            "x",
            new Governed.Expense(coop.id("carol"), 100, "EUR", RECEIPT, "", "release:none")),
        RejectionCode.UNKNOWN_SPLIT);
  }

  @Test
  void anExpenseWithAMalformedReceiptHashIsRefusedWithItsOwnCode() throws Exception {
    found(true);
    assertThatThrownBy(
            () -> new Governed.Expense(coop.id("carol"), 100, "EUR", "ABC", "promotion", ""))
        .extracting(e -> ((CoopException) e).code())
        .isEqualTo("BAD_RECEIPT_HASH");

    // A client that writes the entry itself: the same claim with an upper-case receipt hash.
    var signed = EntryCodec.decode(coop.propose("carol", "posters", fromPool(100)));
    EntryBody.Builder body = EntryBody.parseFrom(signed.body()).toBuilder();
    body.getCreateProposalBuilder().getExpenseBuilder().setReceiptSha256(RECEIPT.toUpperCase());
    byte[] bytes = body.build().toByteArray();
    byte[] forged =
        EntryCodec.encodeSigned(
            bytes,
            List.of(
                new EntrySignature(
                    coop.key("carol").id(), coop.key("carol").sign(SigningBytes.of(bytes)))));

    story.reject(forged, "BAD_RECEIPT_HASH");
  }
}
