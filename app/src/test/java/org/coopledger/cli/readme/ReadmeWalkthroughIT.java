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
  // Generous on purpose: on a loaded machine the demo node alone can take minutes to start. Both
  // waits fail with what was printed so far, never silently.
  private static final Duration NODE_READY =
      Duration.ofMinutes(Long.getLong("readme.node.minutes", 5));
  private static final Duration STEPS =
      Duration.ofMinutes(Long.getLong("readme.steps.minutes", 10));

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
      Processes.awaitLine(nodeLog, READY, node, NODE_READY);
      Path script = dir.resolve("walkthrough.sh");
      Files.writeString(
          script,
          "set -euo pipefail\nPS4='$ '\nset -x\n"
              + String.join("\n", walkthrough.scriptLines())
              + "\n");
      Path log = dir.resolve("walkthrough.log");
      Process steps = Processes.start(List.of("bash", script.toString()), dir, env, log);
      boolean finished = steps.waitFor(STEPS.toSeconds(), TimeUnit.SECONDS);
      if (!finished) {
        Processes.stop(steps);
        throw new AssertionError(
            "the walkthrough's commands did not finish within "
                + STEPS.toMinutes()
                + " min (a loaded machine? raise -Dreadme.steps.minutes); they were at:\n"
                + Processes.tail(Files.readString(log))
                + "\nnode log:\n"
                + Processes.tail(Files.readString(nodeLog)));
      }
      String output = Files.readString(log);
      assertThat(steps.exitValue())
          .as(
              "the walkthrough failed; its output:\n%s\nnode log:\n%s",
              output, Processes.tail(Files.readString(nodeLog)))
          .isZero();
      // The README shows the early execute refused with exit code 3 (rejected by the co-op's
      // rules), not any failure: 4 (node unreachable) or 1 would be a different story.
      assertThat(output)
          .contains("refused, exit code 3")
          .contains("audit passed", "receipts of yours hold")
          // The pool's movements: its part of the demo's 40 copies (150.00 of posters first, then
          // a tenth of 330.00), a tenth of the 2 copies sold here, the print shop paid.
          .contains("EUR,18300,revenue drop:spring-ep", "EUR,240,revenue drop:spring-ep")
          .contains("EUR,-6000,pool-payout")
          .contains("drop:spring-ep,EUR,2,50400", "verified: the node's report equals");
    } finally {
      Processes.stop(node);
    }
  }
}
