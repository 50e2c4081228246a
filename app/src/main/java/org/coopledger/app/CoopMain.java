package org.coopledger.app;

import java.util.List;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.Coop;

/**
 * The one launcher, {@code coop.jar}'s main class: the command line of the cli module plus {@code
 * coop node}, which runs a node in this process.
 */
public final class CoopMain {
  private CoopMain() {}

  public static void main(String[] args) {
    System.exit(run(Coop.systemContext(), args));
  }

  /** Runs one {@code coop} command line, {@code coop node} included, and returns its exit code. */
  public static int run(CliContext context, String... args) {
    return Coop.run(context, List.of(NodeCommand.class, TestnetCommand.class), args);
  }
}
