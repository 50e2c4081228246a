package org.coopledger.testnet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The harness measures something real; the figures themselves are not asserted. */
class PrimitivesTest {
  private final Primitives primitives = new Primitives();

  @Test
  void eachMeasurementCountsOperationsOnEveryThread() {
    Duration shortRun = Duration.ofMillis(50);
    assertThat(primitives.sign(shortRun, 1).operations()).isPositive();
    Rate verify = primitives.verify(shortRun, 2);
    assertThat(verify.operations()).isPositive();
    assertThat(verify.threads()).isEqualTo(2);
    assertThat(verify.cpuTime()).isPositive();
    assertThat(primitives.sha256Bytes(shortRun).operations()).isPositive();
  }

  @Test
  void rootBuildingTakesMeasurableTime() {
    Rate root = primitives.root(1000, 1);
    assertThat(root.operations()).isEqualTo(1000);
    assertThat(root.elapsed()).isPositive();
  }

  @Test
  void aRateIsOperationsPerSecondOfWallTime() {
    Rate rate = new Rate(500, Duration.ofMillis(250), 2, Duration.ofMillis(125));
    assertThat(rate.perSecond()).isEqualTo(2000.0);
    assertThat(rate.perCpuSecond()).isEqualTo(4000.0);
    assertThat(rate.cpuShare()).isEqualTo(0.25);
    assertThatThrownBy(() -> new Rate(1, Duration.ZERO, 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
