package org.coopledger.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.coopledger.cli.command.AuditCommand;
import org.coopledger.cli.command.ChainCommand;
import org.coopledger.cli.command.GenesisCommand;
import org.coopledger.cli.command.KeyCommand;
import org.coopledger.cli.command.ProofCommand;
import org.coopledger.cli.command.ProposalCommands;
import org.coopledger.cli.command.ProposeCommand;
import org.coopledger.cli.command.RevenueCommand;
import org.coopledger.cli.command.RotateKeyCommand;
import org.coopledger.cli.command.RulebookCommand;
import org.coopledger.cli.command.ShowCommand;
import org.coopledger.cli.command.SignCommand;
import org.coopledger.cli.command.SubmitCommand;
import org.coopledger.cli.command.VerifyProofCommand;
import org.coopledger.cli.node.NodeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
    },
    subcommands = {
      NodeCommand.class,
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
      RulebookCommand.class,
      AuditCommand.class,
      ProofCommand.class,
      VerifyProofCommand.class,
      ChainCommand.class
    })
public final class Coop implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "say which command to run");
  }

  public static void main(String[] args) {
    CliContext context =
        new CliContext(
            System.getenv(),
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8),
            Terminal.system());
    System.exit(run(context, args));
  }

  /** Runs one command line and returns its exit code (see {@link ExitCode}). */
  public static int run(CliContext context, String... args) {
    CommandLine commandLine = new CommandLine(new Coop(), new ContextFactory(context));
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
}
