package org.coopledger.app;

import java.util.List;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.Coop;

/**
 * The one launcher, {@code coop.jar}'s main class: the command line of the cli module plus {@code
 * coop node}, which runs a node in this process.
 */
public final class CoopMain {
  /** The commands the launcher adds to the cli module's. */
  static final List<Class<?>> COMMANDS = List.of(NodeCommand.class, TestnetCommand.class);

  private CoopMain() {}

  public static void main(String[] args) {
    System.exit(run(Coop.systemContext(), args));
  }

  /** Runs one {@code coop} command line, {@code coop node} included, and returns its exit code. */
  public static int run(CliContext context, String... args) {
    return Coop.run(context, COMMANDS, args);
  }
}
