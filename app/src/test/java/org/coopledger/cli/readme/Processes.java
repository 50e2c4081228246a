package org.coopledger.cli.readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coopledger.node.FreePorts;

/** Starting, watching and stopping the real processes the walkthrough tests run. */
final class Processes {
  private Processes() {}

  /**
   * Starts {@code command} in {@code dir} with only the given COOP_ variables, output to {@code
   * log}.
   */
  static Process start(List<String> command, Path dir, Map<String, String> env, Path log)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("COOP_"));
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }

  static void awaitLine(Path log, String line, Process process, Duration timeout)
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
        "'"
            + line
            + "' was not printed within "
            + timeout.toSeconds()
            + " s (a loaded machine? the tests take -Dreadme.node.minutes):\n"
            + tail(Files.readString(log)));
  }

  /** The last 60 lines of {@code text}. */
  static String tail(String text) {
    String[] lines = text.split("\n");
    return String.join(
        "\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 60), lines.length));
  }

  static void stop(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  static int freePort() {
    return FreePorts.pick();
  }
}
