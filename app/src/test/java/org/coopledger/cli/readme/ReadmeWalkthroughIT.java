package org.coopledger.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
    int port = freePort();
    Map<String, String> env =
        Map.of(
            "COOP_PORT", Integer.toString(port),
            "COOP_NODE", "http://127.0.0.1:" + port,
            "COOP_TRUST_DIR", dir.resolve("trust").toString(),
            "COOP_SKIP_BUILD", "1",
            "HOME", dir.toString());
    Path nodeLog = dir.resolve("node.log");
    Process node = start(List.of("bash", "-c", walkthrough.nodeCommand()), env, nodeLog);
    try {
      awaitLine(nodeLog, READY, node, Duration.ofMinutes(3));
      Path script = dir.resolve("walkthrough.sh");
      Files.writeString(
          script,
          "set -euo pipefail\nPS4='$ '\nset -x\n"
              + String.join("\n", walkthrough.scriptLines())
              + "\n");
      Path log = dir.resolve("walkthrough.log");
      Process steps = start(List.of("bash", script.toString()), env, log);
      boolean finished = steps.waitFor(5, TimeUnit.MINUTES);
      String output = Files.readString(log);
      assertThat(finished && steps.exitValue() == 0)
          .as(
              "the walkthrough failed; its output:\n%s\nnode log:\n%s",
              output, Files.readString(nodeLog))
          .isTrue();
      assertThat(output).contains("audit passed");
    } finally {
      stop(node);
    }
  }

  private Process start(List<String> command, Map<String, String> env, Path log)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("COOP_"));
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }

  private static void awaitLine(Path log, String line, Process process, Duration timeout)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("the node exited early:\n" + Files.readString(log));
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "the node did not print '" + line + "' in time:\n" + Files.readString(log));
  }

  private static void stop(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
