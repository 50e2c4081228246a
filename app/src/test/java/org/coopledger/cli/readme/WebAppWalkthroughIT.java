package org.coopledger.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walkthrough done in a real browser: Debian's Chromium, driven by Playwright
 * (web/src/test/browser/walkthrough.mjs), against a real demo node started with {@code ./coop node
 * --demo}. Three members' keys propose, approve, vote and execute a split through the web app, a
 * treasurer records revenue, the balances move, a refusal from the node is shown in words, and an
 * entry altered by a lying proxy loses its verified mark.
 *
 * <p>Without Chromium or Node.js the test is skipped with a message saying how to install them; on
 * CI ({@code CI} set) it fails instead, since .ci/run installs both.
 */
class WebAppWalkthroughIT {
  private static final String READY = "The demo co-op is ready.";
  private static final Path CHROMIUM =
      Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

  @TempDir Path dir;

  @Test
  void membersDoTheWalkthroughInTheBrowserAndATamperedEntryLosesItsMark() throws Exception {
    Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    Path root = module.getParent();
    requireTool(
        Files.isExecutable(CHROMIUM), "Chromium (" + CHROMIUM + ")", "apt-get install chromium");
    requireTool(onPath("node"), "Node.js", "apt-get install nodejs npm");
    Path script = root.resolve("web/src/test/browser/walkthrough.mjs");
    requireTool(
        Files.isDirectory(root.resolve("web/node_modules/playwright-core")),
        "the web module's npm packages",
        "./mvnw -pl web generate-resources");

    Files.createSymbolicLink(dir.resolve("coop"), root.resolve("coop"));
    int port = Processes.freePort();
    String url = "http://127.0.0.1:" + port;
    Path nodeLog = dir.resolve("node.log");
    Process node =
        Processes.start(
            List.of("./coop", "node", "--demo"),
            dir,
            Map.of("COOP_PORT", Integer.toString(port), "COOP_SKIP_BUILD", "1"),
            nodeLog);
    try {
      Processes.awaitLine(nodeLog, READY, node, Duration.ofMinutes(3));
      Path screenshots =
          Path.of(
              System.getProperty(
                  "coop.web.screenshots", module.resolve("target/web-screenshots").toString()));
      Path log = dir.resolve("browser.log");
      ProcessBuilder browser =
          new ProcessBuilder("node", script.toString())
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      browser.environment().put("COOP_WEB_URL", url);
      browser.environment().put("COOP_KEYS", dir.resolve("coop-data/keys").toString());
      browser.environment().put("COOP_SCREENSHOTS", screenshots.toString());
      browser.environment().put("CHROMIUM", CHROMIUM.toString());
      Process run = browser.start();
      boolean finished = run.waitFor(8, TimeUnit.MINUTES);
      if (!finished) {
        Processes.stop(run);
      }
      String output = Files.readString(log);
      assertThat(finished && run.exitValue() == 0)
          .as(
              "the browser walkthrough failed; its output:\n%s\nnode log:\n%s",
              output, Files.readString(nodeLog))
          .isTrue();
      assertThat(output)
          .contains("carol's balance after: 548.50 EUR")
          .contains("entry #5: entry #5 is not in the tree the checkpoint commits to")
          .contains("walkthrough passed");
    } finally {
      Processes.stop(node);
    }
  }

  private static void requireTool(boolean present, String what, String install) {
    String message =
        what + " is missing, so the web app's browser test cannot run; install it: " + install;
    if (!present && System.getenv("CI") != null) {
      throw new AssertionError(message);
    }
    Assumptions.assumeTrue(present, message);
  }

  private static boolean onPath(String program) throws IOException {
    for (String entry :
        System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(entry, program))) {
        return true;
      }
    }
    return false;
  }
}
