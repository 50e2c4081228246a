package org.coopledger.testnet.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatenciesTest {
  private static final long MS = 1_000_000;

  @Test
  void percentilesAreNearestRankOverEveryRecordedValue() {
    // 1..1000 ms, shuffled order must not matter.
    long[] values =
        LongStream.rangeClosed(1, 1000).map(i -> ((i * 7919) % 1000 + 1) * MS).toArray();
    Latencies latencies = Latencies.of(values);
    assertThat(latencies.count()).isEqualTo(1000);
    assertThat(latencies.percentileMillis(50)).isEqualTo(500.0);
    assertThat(latencies.percentileMillis(99)).isEqualTo(990.0);
    assertThat(latencies.percentileMillis(99.9)).isEqualTo(999.0);
    assertThat(latencies.percentileMillis(100)).isEqualTo(1000.0);
    assertThat(latencies.maxMillis()).isEqualTo(1000.0);
    assertThat(latencies.meanMillis()).isEqualTo(500.5);
  }

  @Test
  void aSmallSampleReportsItsWorstValueForHighPercentiles() {
    Latencies latencies = Latencies.of(new long[] {3 * MS, 1 * MS, 2 * MS});
    assertThat(latencies.percentileMillis(50)).isEqualTo(2.0);
    assertThat(latencies.percentileMillis(99.9)).isEqualTo(3.0);
    assertThat(latencies.percentileMillis(1)).isEqualTo(1.0);
  }

  @Test
  void refusesPercentilesOutsideZeroToHundred() {
    Latencies latencies = Latencies.of(new long[] {MS});
    assertThatThrownBy(() -> latencies.percentileMillis(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> latencies.percentileMillis(100.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Latencies.of(new long[0]).percentileMillis(50)).isNaN();
  }

  @Test
  void keepsItsOwnCopyOfTheValues() {
    long[] values = {5 * MS};
    Latencies latencies = Latencies.of(values);
    values[0] = 9 * MS;
    assertThat(latencies.maxMillis()).isEqualTo(5.0);
  }
}
