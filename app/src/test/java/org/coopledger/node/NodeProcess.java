package org.coopledger.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.client.NodeUnavailableException;
import org.coopledger.app.CoopMain;

/** A node in its own JVM ({@code coop node}), for tests that kill it with SIGKILL. */
final class NodeProcess {
  private final Process process;
  private final int port;
  private final Path log;

  private NodeProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code coop node} with {@code args} plus a free port, and waits until it serves HTTP.
   */
  static NodeProcess start(Path dataDir, Path log, List<String> args) throws Exception {
    return start(List.of(), dataDir, log, args);
  }

  /** As {@link #start(Path, Path, List)}, run under {@code wrapper} (e.g. {@code strace ...}). */
  static NodeProcess start(List<String> wrapper, Path dataDir, Path log, List<String> args)
      throws Exception {
    int port = FreePorts.pick();
    List<String> command = new ArrayList<>(wrapper);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Xmx512m");
    command.add(CoopMain.class.getName());
    command.addAll(List.of("node", "--data", dataDir.toString(), "--port", Integer.toString(port)));
    command.addAll(args);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    NodeProcess node = new NodeProcess(process, port, log);
    node.awaitServing();
    return node;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** SIGKILL: no shutdown hook, no flush, like a power cut for the process. */
  /**
   * SIGKILLs the node and every process it started; when the node runs under a wrapper (strace),
   * the wrapper's children too, which would otherwise go on running after the test.
   */
  void kill() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    children.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor();
    for (ProcessHandle child : children) {
      child.onExit().join();
    }
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitServing() throws InterruptedException {
    NodeClient api = NodeClient.of(uri());
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("the node process exited:\n" + logTail());
      }
      try {
        if (api.get("/v1/node").status() == 200) {
          return;
        }
      } catch (NodeUnavailableException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    kill();
    throw new AssertionError("the node did not serve within 180 s:\n" + logTail());
  }
}
