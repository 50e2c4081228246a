package org.coopledger.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.Terminal;

/**
 * The training runs behind {@code coop.aot} and {@code coop-read.aot}, the JDK's ahead-of-time
 * caches that the build makes beside {@code coop.jar} (JDK 25+, see docs/startup.md): they run the
 * everyday commands the way a member does, so that the classes they load, link and initialize are
 * recorded and a later {@code coop} finds them ready instead of reading and verifying them from the
 * jars.
 *
 * <p>Two caches, because the JVM loads every class of a cache when it starts: {@code read} (the
 * {@code show} commands) keeps out the signing code, which a command that signs nothing never
 * needs; {@code all} has every short command.
 *
 * <p>It needs no node and leaves nothing behind: keys and drafts go to a temporary directory, and
 * the commands that ask a node are pointed at a closed port on 127.0.0.1 (they load the HTTP client
 * and fail with exit code 4). What it prints is thrown away; it exits 0 whatever the commands did.
 */
public final class StartupTraining {
  private static final String COOP = "training-coop";
  private static final String PROPOSAL = "ab".repeat(32);

  private StartupTraining() {}

  /** {@code StartupTraining read|all}: the {@code show} commands only, or every short command. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1 || !(args[0].equals("read") || args[0].equals("all"))) {
      System.err.println("usage: StartupTraining read|all");
      System.exit(2);
    }
    Path dir = Files.createTempDirectory("coop-training");
    try {
      train(dir, args[0].equals("read"));
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(StartupTraining::delete);
      }
    }
  }

  private static void train(Path dir, boolean readOnly) throws IOException {
    String node = "http://127.0.0.1:" + closedPort();
    String key = dir.resolve("member.pem").toString();
    String draft = dir.resolve("decision.json").toString();
    String vote = dir.resolve("vote.json").toString();
    String[][] reads = {
      {"show", "members", "--node", node},
      {"show", "proposal", PROPOSAL.substring(0, 8), "--node", node},
      {"show", "balances", "--json", "--node", node},
    };
    int runs = 0;
    for (String[] command : reads) {
      CoopMain.run(quiet(), command);
      runs++;
    }
    if (readOnly) {
      System.err.println("coop start-up training (read): ran " + runs + " commands");
      return;
    }
    for (String[] command :
        new String[][] {
          {"--help"},
          {"--version"},
          {"key", "new", "--out", key, "--name", "trainee", "--no-passphrase"},
          {"key", "show", key},
          {"propose", "decision", "--title", "t", "--key", key, "--coop", COOP, "--out", draft},
          {"sign", draft, "--key", key},
          {"vote", PROPOSAL, "yes", "--key", key, "--coop", COOP, "--out", vote, "--json"},
          {"vote", PROPOSAL.substring(0, 8), "yes", "--key", key, "--node", node},
          {"approve", PROPOSAL, "--key", key, "--node", node},
          {"submit", vote, "--node", node},
        }) {
      CoopMain.run(quiet(), command);
      runs++;
    }
    System.err.println("coop start-up training (all): ran " + runs + " commands");
  }

  private static CliContext quiet() {
    PrintWriter discard =
        new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    return new CliContext(Map.of(), discard, discard, Terminal.system());
  }

  /** A port on 127.0.0.1 that nothing listens on (just released by the OS). */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
