package org.coopledger.node;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;
import org.coopledger.governance.error.CoopException;

/**
 * {@code java -cp ... org.coopledger.node.Main [--data DIR] [--port N] ...}: reads the
 * configuration, starts a node and runs until stopped (Ctrl-C or SIGTERM close it cleanly).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    configureLogging();
    List<String> arguments = Arrays.asList(args);
    if (arguments.contains("--help") || arguments.contains("-h")) {
      System.out.println("usage: coop node [--config FILE] [--name value]...");
      ConfigLoader.SETTINGS.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(s -> System.out.printf("  --%-24s %s%n", s.getKey(), s.getValue()));
      System.out.println(
          "Each setting can also come from COOP_<NAME> (e.g. COOP_PORT) or the file.");
      return;
    }
    NodeConfig config;
    try {
      config = ConfigLoader.load(arguments, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("coop node: " + e.getMessage());
      System.exit(2);
      return;
    }
    CoopNode node;
    try {
      node = CoopNode.start(config);
    } catch (CoopException e) {
      System.err.println("coop node: " + e.getMessage() + " [" + e.code() + "]");
      System.exit(1);
      return;
    } catch (RuntimeException e) {
      System.err.println("coop node: could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                }));
    stopped.await();
  }

  /** One readable line per event, unless the user brought their own logging configuration. */
  static void configureLogging() {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    try (InputStream in = Main.class.getResourceAsStream("/coop-logging.properties")) {
      if (in != null) {
        LogManager.getLogManager().readConfiguration(in);
      }
    } catch (IOException e) {
      System.err.println("coop node: default logging configuration unreadable: " + e);
    }
  }
}
