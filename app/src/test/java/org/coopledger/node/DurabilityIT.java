package org.coopledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.client.Reply;
import org.coopledger.governance.action.Governed;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Durable" means synced to the disk before the 201, not just handed to the page cache (which
 * survives SIGKILL, so {@link CrashIT} cannot tell the difference). A real node runs under {@code
 * strace}, which records every {@code fsync}/{@code fdatasync} with the file it syncs; each
 * acknowledged entry must have been preceded by a sync of the Raft log (the durable log). The store
 * is not synced per group (one fsync per group commit): what a crash takes from it is written again
 * from the Raft log at restart, and it is synced before each Raft snapshot marker lets the log
 * below it go.
 *
 * <p>What this does not prove: that the disk honours the sync (a drive or virtual disk that lies
 * about its write cache loses data anyway), nor a real power cut; no filesystem that drops unsynced
 * data on a simulated crash was available here to show that directly.
 */
class DurabilityIT {
  private static final Pattern SYNC = Pattern.compile("\\b(fsync|fdatasync)\\(\\d+<([^>]*)>");

  @TempDir Path dir;

  @Test
  void everyAcknowledgedEntryWasSyncedToTheRaftLogFirst() throws Exception {
    Assumptions.assumeTrue(straceWorks(), "strace is not installed or may not trace here");
    Path data = dir.resolve("data");
    Path trace = dir.resolve("sync.trace");
    List<String> strace =
        List.of(
            "strace",
            "-f",
            "-qq",
            "--seccomp-bpf",
            "-y",
            "-e",
            "trace=fsync,fdatasync",
            "-e",
            "signal=none",
            "-o",
            trace.toString());
    // No checkpoints while entries are written: only the entries themselves may cause syncs.
    NodeProcess node =
        NodeProcess.start(
            strace,
            data,
            dir.resolve("node.log"),
            List.of(
                "--coop", "demo-coop",
                "--checkpoint-every", "1000000",
                "--checkpoint-interval-ms", "3600000"));
    try {
      CoopFixture coop = CoopFixture.demoLive();
      NodeClient api = NodeClient.of(node.uri());
      Predicate<String> raftLog = path -> path.startsWith(data.resolve("raft").toString());

      for (int i = 0; i < 5; i++) {
        byte[] entry =
            i == 0
                ? coop.genesis()
                : coop.propose("alice", "decision " + i, new Governed.Decision());
        long raftBefore = syncs(trace, raftLog);

        Reply reply = api.postEntry(entry);

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        // strace writes a call's line when the call is made, so a sync made before the 201 is
        // in the file by the time the 201 arrives.
        assertThat(syncs(trace, raftLog))
            .as("syncs of the Raft log before entry %d was acknowledged", i)
            .isGreaterThan(raftBefore);
      }
    } finally {
      node.kill();
    }
  }

  private static long syncs(Path trace, Predicate<String> file) throws IOException {
    long count = 0;
    for (String line : Files.readAllLines(trace, StandardCharsets.UTF_8)) {
      Matcher m = SYNC.matcher(line);
      if (m.find() && file.test(m.group(2))) {
        count++;
      }
    }
    return count;
  }

  private static boolean straceWorks() {
    try {
      Process p =
          new ProcessBuilder("strace", "-f", "-qq", "-o", "/dev/null", "true")
              .redirectErrorStream(true)
              .start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
