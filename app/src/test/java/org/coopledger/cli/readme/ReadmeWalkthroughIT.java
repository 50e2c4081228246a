package org.coopledger.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's walkthrough as written — the same {@code ./coop} launcher, the same commands, a
 * real node in its own process — so the README cannot drift from the product. Only where things
 * live differs: a temporary directory instead of the checkout, and a free port.
 */
class ReadmeWalkthroughIT {
  private static final String READY = "The demo co-op is ready.";

  @TempDir Path dir;

  @Test
  void walkthroughInTheReadmeRunsAsWrittenFromDemoNodeToPassingAudit() throws Exception {
    Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    Walkthrough walkthrough = Walkthrough.read(root.resolve("README.md"));
    Files.createSymbolicLink(dir.resolve("coop"), root.resolve("coop"));
    int port = Processes.freePort();
    Map<String, String> env =
        Map.of(
            "COOP_PORT", Integer.toString(port),
            "COOP_NODE", "http://127.0.0.1:" + port,
            "COOP_TRUST_DIR", dir.resolve("trust").toString(),
            "COOP_SKIP_BUILD", "1",
            "HOME", dir.toString());
    Path nodeLog = dir.resolve("node.log");
    Process node =
        Processes.start(List.of("bash", "-c", walkthrough.nodeCommand()), dir, env, nodeLog);
    try {
      Processes.awaitLine(nodeLog, READY, node, Duration.ofMinutes(3));
      Path script = dir.resolve("walkthrough.sh");
      Files.writeString(
          script,
          "set -euo pipefail\nPS4='$ '\nset -x\n"
              + String.join("\n", walkthrough.scriptLines())
              + "\n");
      Path log = dir.resolve("walkthrough.log");
      Process steps = Processes.start(List.of("bash", script.toString()), dir, env, log);
      boolean finished = steps.waitFor(5, TimeUnit.MINUTES);
      String output = Files.readString(log);
      assertThat(finished && steps.exitValue() == 0)
          .as(
              "the walkthrough failed; its output:\n%s\nnode log:\n%s",
              output, Files.readString(nodeLog))
          .isTrue();
      assertThat(output).contains("audit passed");
    } finally {
      Processes.stop(node);
    }
  }
}
