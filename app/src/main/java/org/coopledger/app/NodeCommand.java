package org.coopledger.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.ExitCode;
import org.coopledger.governance.error.CoopException;
import org.coopledger.node.CoopNode;
import org.coopledger.node.NodeConfig;
import org.coopledger.node.NodeConfigReader;
import org.coopledger.node.NodeSetting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code coop node [--data DIR] [--port N] [--demo] [--NAME VALUE]...}: reads the configuration,
 * starts a node in this process and runs it until Ctrl-C or SIGTERM, which close it cleanly.
 */
@Command(
    name = "node",
    description = {
      "Run a node: the ledger in --data, the REST API on 127.0.0.1:--port.",
      "Other settings (--coop, --host, ...) are listed below. Each also comes from a YAML file",
      "(--config FILE or COOP_CONFIG; see docs/coop-node.yaml), the environment (COOP_PEER_ID)",
      "or a system property (-Dcoop.peer.id); flags win, then system properties, then the",
      "environment, then the file."
    })
public final class NodeCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      description = "show this help, with every node setting, and exit")
  boolean help;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "data directory (default ./coop-data)")
  Path data;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "REST port, 0 = any free one (default 8080)")
  Integer port;

  @Option(
      names = "--demo",
      description = "on an empty data directory, create a demo co-op with keys in DIR/keys/")
  boolean demo;

  @Unmatched List<String> settings = new ArrayList<>();

  public NodeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (help) {
      printHelp();
      return ExitCode.OK;
    }
    List<String> args = new ArrayList<>(settings);
    if (data != null) {
      args.add("--data=" + data);
    }
    if (port != null) {
      args.add("--port=" + port);
    }
    NodeConfig config;
    try {
      config = NodeConfigReader.read(args, context.env(), System.getProperties());
    } catch (IllegalArgumentException e) {
      context.err().println("coop node: " + e.getMessage() + " (see coop node --help)");
      return ExitCode.USAGE;
    }
    boolean fresh = !Files.exists(config.dataDir().resolve("ledger"));
    configureLogging();
    CoopNode node;
    try {
      node = CoopNode.start(config);
    } catch (CoopException e) {
      context.err().println("coop node: " + e.getMessage() + " [" + e.code() + "]");
      return ExitCode.FAILED;
    } catch (RuntimeException e) {
      context.err().println("coop node: could not start: " + e.getMessage());
      return ExitCode.FAILED;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                },
                "coop-node-shutdown"));
    String url = node.uri().toString();
    context.out().println("coop node: serving co-op " + config.coopId() + " at " + url);
    context
        .out()
        .println(
            "checkpoint key: "
                + node.verifierKey().orElse("(none yet: it is named after the genesis entry)"));
    if (demo) {
      if (fresh && node.treeSize() == 0) {
        new DemoCoop(context, config, url).create();
      } else {
        context
            .out()
            .println(
                "--demo: " + config.dataDir() + " already holds a ledger; serving it as it is");
      }
    }
    context.out().println("Stop it with Ctrl-C.");
    context.out().flush();
    stopped.await();
    return ExitCode.OK;
  }

  private void printHelp() {
    var out = context.out();
    out.print(spec.commandLine().getUsageMessage());
    out.println("Node settings (--NAME VALUE or --NAME=VALUE; key in the file; default):");
    out.printf("  --%-24s %s%n", "config FILE", "YAML (or .properties) file with the keys below");
    for (NodeSetting setting : NodeSetting.values()) {
      out.printf(
          "  --%-24s %s (%s; default %s)%n",
          setting.settingName(),
          setting.meaning(),
          setting.key(),
          setting.defaultValue().orElse("none"));
    }
    out.flush();
  }

  /** One readable line per event, unless the user brought their own logging configuration. */
  private static void configureLogging() {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    try (InputStream in = CoopNode.class.getResourceAsStream("/coop-logging.properties")) {
      if (in != null) {
        LogManager.getLogManager().readConfiguration(in);
      }
    } catch (IOException e) {
      System.err.println("coop node: default logging configuration unreadable: " + e);
    }
  }
}
