package org.coopledger.cli.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.coopledger.cli.CliContext;
import org.coopledger.governance.clause.Rulebook;
import org.coopledger.governance.clause.RulebookCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code coop rulebook check}: guard-rail warnings about a rulebook (see docs/clauses.md). */
@Command(
    name = "rulebook",
    description = "Work with rulebooks offline or against a node.",
    subcommands = {RulebookCommand.Check.class})
public final class RulebookCommand {

  @Command(
      name = "check",
      description = {
        "Warn where one member can pass an action alone, where the rulebook can be changed by"
            + " fewer members than an action it governs needs, and where nobody can ever act.",
        "FILE is checked for a stand-in co-op (two holders of every role it names and two plain"
            + " members), or with --node for the node's members; without FILE, the rulebook in"
            + " force on the node. Warnings, not refusals: the exit code is 0."
      })
  static final class Check implements Runnable {
    private final CliContext context;
    @Mixin NodeOption node;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "a rulebook file")
    Path file;

    Check(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      boolean useNode = file == null || node.node != null;
      Rulebook rulebook;
      if (file == null) {
        rulebook = Rulebook.parse(node.client(context).rulebook().rulebook());
      } else {
        try {
          rulebook = Rulebook.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      List<RulebookCheck.Holder> members =
          useNode
              ? GuardRails.members(node.client(context))
              : RulebookCheck.hypotheticalMembers(rulebook);
      GuardRails.print(context.out(), rulebook, members);
    }
  }
}
