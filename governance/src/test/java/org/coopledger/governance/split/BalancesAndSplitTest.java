package org.coopledger.governance.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.crypto.MemberId;
import org.junit.jupiter.api.Test;

/** Balances never overflow or go negative, to the unit; a split is exactly 10 000 points. */
class BalancesAndSplitTest {
  private static final MemberId ANN = new MemberId("a".repeat(32));
  private static final MemberId BEN = new MemberId("b".repeat(32));

  @Test
  void aBalanceMayReachTheLargestAmountButNotOneMore() {
    Balances full = Balances.empty().credit(ANN, "EUR", Long.MAX_VALUE - 1).credit(ANN, "EUR", 1);

    assertThat(full.of(ANN, "EUR")).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> full.credit(ANN, "EUR", 1))
        .isInstanceOfSatisfying(
            SplitException.class, e -> assertThat(e.code()).isEqualTo("AMOUNT_TOO_LARGE"));
    assertThat(full.credit(ANN, "EUR", 0)).isEqualTo(full);
    assertThat(full.credit(ANN, "USD", Long.MAX_VALUE).of(ANN, "USD")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aNegativeCreditIsRefused() {
    assertThatThrownBy(() -> Balances.empty().credit(ANN, "EUR", -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDebitMayTakeTheWholeBalanceButNotOneUnitMore() {
    Balances some = Balances.empty().credit(ANN, "EUR", 500).credit(BEN, "EUR", 7);

    Balances emptied = some.debit(ANN, "EUR", 500);
    Balances less = some.debit(ANN, "EUR", 499);

    assertThat(emptied.of(ANN, "EUR")).isZero();
    assertThat(emptied.asMap()).containsOnlyKeys(BEN);
    assertThat(less.of(ANN, "EUR")).isEqualTo(1);
    assertThatThrownBy(() -> some.debit(ANN, "EUR", 501))
        .isInstanceOfSatisfying(
            SplitException.class, e -> assertThat(e.code()).isEqualTo("INSUFFICIENT_BALANCE"));
    assertThat(some.of(ANN, "EUR")).as("unchanged").isEqualTo(500);
  }

  @Test
  void balancesAreValuesWithoutZeroAmounts() {
    Balances a = Balances.of(Map.of(ANN, Map.of("EUR", 5L, "USD", 0L)));
    Balances b = Balances.empty().credit(ANN, "EUR", 5);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(b.credit(BEN, "EUR", 1)).isNotEqualTo("balances");
    assertThat(a.asMap()).isEqualTo(Map.of(ANN, Map.of("EUR", 5L)));
    assertThat(a.toString()).contains("EUR").contains("5");
    assertThat(Balances.of(Map.of(ANN, Map.of("EUR", 3L))).of(ANN, "EUR")).isEqualTo(3);
  }

  @Test
  void aSplitIsExactlyTenThousandPointsOneSharePerMemberSortedByMemberId() {
    List<Share> shares = List.of(new Share(BEN, 9_999), new Share(ANN, 1));

    assertThat(Split.validShares(shares)).containsExactly(new Share(ANN, 1), new Share(BEN, 9_999));
    assertThatThrownBy(() -> Split.validShares(List.of(new Share(ANN, 9_999))))
        .isInstanceOfSatisfying(
            SplitException.class,
            e -> {
              assertThat(e.code()).isEqualTo("SPLIT_NOT_10000");
              assertThat(e.getMessage()).contains("9999").contains("1 are unassigned");
            });
    assertThatThrownBy(() -> Split.validShares(List.of(new Share(ANN, 10_000), new Share(BEN, 2))))
        .isInstanceOfSatisfying(
            SplitException.class, e -> assertThat(e.getMessage()).contains("2 too many"));
    assertThatThrownBy(
            () -> Split.validShares(List.of(new Share(ANN, 5_000), new Share(ANN, 5_000))))
        .isInstanceOfSatisfying(
            SplitException.class, e -> assertThat(e.code()).isEqualTo("INVALID_ACTION"));
    assertThatThrownBy(() -> Split.validShares(List.of()))
        .isInstanceOfSatisfying(
            SplitException.class, e -> assertThat(e.code()).isEqualTo("SPLIT_NOT_10000"));
  }

  @Test
  void aSplitTellsEachMembersShare() {
    Split split = new Split(1, 0, List.of(new Share(ANN, 2_500), new Share(BEN, 7_500)));
    MemberId nobody = new MemberId("c".repeat(32));

    assertThat(split.basisPointsOf(ANN)).isEqualTo(2_500);
    assertThat(split.basisPointsOf(BEN)).isEqualTo(7_500);
    assertThat(split.basisPointsOf(nobody)).isZero();
    assertThat(split.shareOf(BEN)).contains(new Share(BEN, 7_500));
    assertThat(split.shareOf(nobody)).isEmpty();
    assertThatThrownBy(() -> new Split(0, 0, List.of(new Share(ANN, 10_000))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
