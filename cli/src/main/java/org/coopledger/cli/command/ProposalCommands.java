package org.coopledger.cli.command;

import java.util.Locale;
import org.coopledger.cli.CliContext;
import org.coopledger.governance.action.CastVote;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.action.WithdrawApproval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The commands that act on an open proposal. PROPOSAL is its id or a unique prefix of it (as {@code
 * coop show proposals} prints).
 */
public final class ProposalCommands {
  private ProposalCommands() {}

  @Command(name = "vote", description = "Vote on a proposal; a later vote replaces yours.")
  public static final class Vote implements Runnable {
    private final CliContext context;
    @Mixin EntryOptions entry;

    @Parameters(index = "0", paramLabel = "PROPOSAL", description = "proposal id or prefix")
    String proposal;

    @Parameters(index = "1", paramLabel = "CHOICE", description = "yes, no or abstain")
    String choice;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why (kept on the ledger)")
    String reason = "";

    Vote(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      VoteChoice parsed =
          switch (choice.toLowerCase(Locale.ROOT)) {
            case "yes" -> VoteChoice.YES;
            case "no" -> VoteChoice.NO;
            case "abstain" -> VoteChoice.ABSTAIN;
            default ->
                throw new IllegalArgumentException(
                    "a vote is yes, no or abstain, got '" + choice + "'");
          };
      Publisher publisher = new Publisher(context, entry);
      publisher.publish(new CastVote(publisher.directory().proposal(proposal), parsed, reason));
    }
  }

  @Command(name = "approve", description = "Approve a proposal with your own key.")
  public static final class Approve implements Runnable {
    private final CliContext context;
    @Mixin EntryOptions entry;

    @Parameters(paramLabel = "PROPOSAL", description = "proposal id or prefix")
    String proposal;

    Approve(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      Publisher publisher = new Publisher(context, entry);
      publisher.publish(
          new org.coopledger.governance.action.Approve(publisher.directory().proposal(proposal)));
    }
  }

  @Command(name = "withdraw", description = "Withdraw your approval of a proposal.")
  public static final class Withdraw implements Runnable {
    private final CliContext context;
    @Mixin EntryOptions entry;

    @Parameters(paramLabel = "PROPOSAL", description = "proposal id or prefix")
    String proposal;

    Withdraw(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      Publisher publisher = new Publisher(context, entry);
      publisher.publish(new WithdrawApproval(publisher.directory().proposal(proposal)));
    }
  }

  @Command(name = "veto", description = "Veto a proposal, where the rulebook gives you that right.")
  public static final class Veto implements Runnable {
    private final CliContext context;
    @Mixin EntryOptions entry;

    @Parameters(paramLabel = "PROPOSAL", description = "proposal id or prefix")
    String proposal;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why (kept on the ledger)")
    String reason = "";

    Veto(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      Publisher publisher = new Publisher(context, entry);
      publisher.publish(
          new org.coopledger.governance.action.Veto(
              publisher.directory().proposal(proposal), reason));
    }
  }

  @Command(
      name = "execute",
      description = "Carry out a proposal whose clause holds (or close it if it never can).")
  public static final class Execute implements Runnable {
    private final CliContext context;
    @Mixin EntryOptions entry;

    @Parameters(paramLabel = "PROPOSAL", description = "proposal id or prefix")
    String proposal;

    Execute(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      Publisher publisher = new Publisher(context, entry);
      publisher.publish(
          new org.coopledger.governance.action.Execute(publisher.directory().proposal(proposal)));
    }
  }
}
