package org.coopledger.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.coopledger.cli.command.AuditCommand;
import org.coopledger.cli.command.ChainCommand;
import org.coopledger.cli.command.GenesisCommand;
import org.coopledger.cli.command.KeyCommand;
import org.coopledger.cli.command.ProofCommand;
import org.coopledger.cli.command.ProposalCommands;
import org.coopledger.cli.command.ProposeCommand;
import org.coopledger.cli.command.ReceiptCommand;
import org.coopledger.cli.command.ReportCommand;
import org.coopledger.cli.command.RevenueCommand;
import org.coopledger.cli.command.RotateKeyCommand;
import org.coopledger.cli.command.RulebookCommand;
import org.coopledger.cli.command.ShowCommand;
import org.coopledger.cli.command.SignCommand;
import org.coopledger.cli.command.SubmitCommand;
import org.coopledger.cli.command.TrustCommand;
import org.coopledger.cli.command.VerifyProofCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/** The {@code coop} command: wires the subcommands and maps failures to exit codes. */
@Command(
    name = "coop",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Run, use and audit a coopledger co-op: a signed, append-only ledger of revenue"
            + " splits, money and decisions.",
    footer = {
      "",
      "Environment:",
      "  COOP_NODE        node URL used when --node is not given",
      "  COOP_KEY         key file used when --key is not given",
      "  COOP_PASSPHRASE  passphrase of encrypted key files (else you are asked)",
      "  COOP_TRUST_DIR   where audits pin node keys (default ~/.coop/trust)",
      "  COOP_GANACHE     ganache executable for `coop chain dev`",
      "Exit codes:",
      "  0 ok, 1 local failure, 2 usage, 3 rejected by the node or the co-op's rules,",
      "  4 node unreachable or failing, 5 verification failed"
    })
public final class Coop implements Runnable {
  /** The command line's own commands, in the order {@code --help} lists them. */
  private static final List<Class<?>> COMMANDS =
      List.of(
          KeyCommand.class,
          GenesisCommand.class,
          SignCommand.class,
          SubmitCommand.class,
          ProposeCommand.class,
          ProposalCommands.Vote.class,
          ProposalCommands.Approve.class,
          ProposalCommands.Withdraw.class,
          ProposalCommands.Veto.class,
          ProposalCommands.Execute.class,
          RevenueCommand.class,
          RotateKeyCommand.class,
          ShowCommand.class,
          ReportCommand.class,
          RulebookCommand.class,
          AuditCommand.class,
          ProofCommand.class,
          VerifyProofCommand.class,
          ReceiptCommand.class,
          TrustCommand.class,
          ChainCommand.class);

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "say which command to run");
  }

  /** This process's environment, standard output and error, and terminal. */
  public static CliContext systemContext() {
    return new CliContext(
        System.getenv(),
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        Terminal.system());
  }

  /** Runs one command line and returns its exit code (see {@link ExitCode}). */
  public static int run(CliContext context, String... args) {
    return run(context, List.of(), args);
  }

  /**
   * Runs one command line of the command tree extended by {@code moreCommands} (listed first; e.g.
   * the app module's {@code coop node}) and returns its exit code. Commands get {@code context}
   * through a constructor taking a {@link CliContext}.
   */
  public static int run(CliContext context, List<Class<?>> moreCommands, String... args) {
    CommandLine commandLine = build(context, commandsFor(args, moreCommands));
    commandLine.setOut(context.out());
    commandLine.setErr(context.err());
    commandLine.setExecutionExceptionHandler(new FailureReporter(context));
    try {
      return commandLine.execute(args);
    } finally {
      context.out().flush();
      context.err().flush();
    }
  }

  /**
   * The whole command tree, {@code moreCommands} included, as {@link #run} builds it: every command
   * and subcommand answers {@code -h} and {@code --help}.
   */
  public static CommandLine tree(CliContext context, List<Class<?>> moreCommands) {
    return build(context, commandsFor(new String[0], moreCommands));
  }

  private static CommandLine build(CliContext context, List<Class<?>> commands) {
    CommandLine commandLine = new CommandLine(new Coop(), new ContextFactory(context));
    for (Class<?> command : commands) {
      commandLine.addSubcommand(command);
    }
    addHelp(commandLine);
    return commandLine;
  }

  /**
   * Gives {@code -h}/{@code --help} to each command that has no help option of its own, at any
   * depth (a subcommand does not inherit the root's), so that help never depends on remembering an
   * annotation attribute.
   */
  private static void addHelp(CommandLine commandLine) {
    CommandSpec spec = commandLine.getCommandSpec();
    if (spec.findOption("--help") == null) {
      List<String> names = new ArrayList<>();
      if (spec.findOption("-h") == null) {
        names.add("-h");
      }
      names.add("--help");
      spec.addOption(
          OptionSpec.builder(names.toArray(String[]::new))
              .usageHelp(true)
              .description("Show this help message and exit.")
              .build());
    }
    commandLine.getSubcommands().values().forEach(Coop::addHelp);
  }

  /**
   * The subcommands to build for {@code args}: only the one named first, when it is one of them.
   * picocli reads every command's annotations by reflection as it builds the command tree, and the
   * whole tree cost a short command like {@code coop vote} about a fifth of its start-up. Anything
   * else (no command, {@code --help}, {@code --version}, a mistyped command) gets the whole tree,
   * so help and "did you mean" suggestions list every command as before.
   */
  static List<Class<?>> commandsFor(String[] args, List<Class<?>> moreCommands) {
    List<Class<?>> all = new ArrayList<>(moreCommands);
    all.addAll(COMMANDS);
    if (args.length > 0 && !args[0].startsWith("-")) {
      for (Class<?> command : all) {
        Command annotation = command.getAnnotation(Command.class);
        if (annotation != null && annotation.name().equals(args[0])) {
          return List.of(command);
        }
      }
    }
    return all;
  }
}
