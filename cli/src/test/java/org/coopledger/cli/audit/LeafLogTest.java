package org.coopledger.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.coopledger.governance.merkle.InMemoryHashSource;
import org.junit.jupiter.api.Test;

class LeafLogTest {
  private static byte[] entry(int i) {
    return ("record " + i).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void everyPrefixHasTheRootOfTheSameLeavesInAFullTree() {
    List<byte[]> entries = new ArrayList<>();
    try (LeafLog log = new LeafLog()) {
      for (int i = 0; i < 70; i++) {
        log.appendEntry(entry(i));
        entries.add(entry(i));
        assertThat(log.size()).isEqualTo(i + 1);
        assertThat(log.root()).isEqualTo(InMemoryHashSource.ofEntries(entries).root());
      }
      InMemoryHashSource full = InMemoryHashSource.ofEntries(entries);
      for (long prefix = 0; prefix <= 70; prefix++) {
        assertThat(log.root(prefix)).as("prefix %d", prefix).isEqualTo(full.root(prefix));
      }
    }
  }

  @Test
  void aPrefixLongerThanTheLogIsRefused() {
    try (LeafLog log = new LeafLog()) {
      log.appendEntry(entry(0));
      assertThatThrownBy(() -> log.root(2)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> log.root(-1)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void closingDeletesTheTemporaryFileOfLeaves() {
    LeafLog log = new LeafLog();
    log.appendEntry(entry(1));
    assertThat(log.file()).exists();
    log.close();
    assertThat(log.file()).doesNotExist();
  }
}
