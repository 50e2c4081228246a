package org.coopledger.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.output.CoopViews;
import org.coopledger.cli.output.Json;
import org.coopledger.cli.output.TextView;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.checkpoint.SignedNote;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code coop show members|proposals|proposal ID|splits|money|balances|rulebook|checkpoint|state}:
 * the node's read models. What they say is the node's word; {@code coop audit} checks it.
 */
@Command(
    name = "show",
    description = "Show what the node says about the co-op (verify it with `coop audit`).",
    subcommands = {
      ShowCommand.Members.class,
      ShowCommand.Proposals.class,
      ShowCommand.OneProposal.class,
      ShowCommand.Splits.class,
      ShowCommand.MoneyView.class,
      ShowCommand.Balances.class,
      ShowCommand.RulebookView.class,
      ShowCommand.CheckpointView.class,
      ShowCommand.State.class
    })
public final class ShowCommand {

  /** A read model at a fixed path, printed as JSON or as a table. */
  abstract static class ReadModel implements Runnable {
    final CliContext context;
    @Mixin NodeOption node;
    @Mixin JsonOption json;

    ReadModel(CliContext context) {
      this.context = context;
    }

    abstract String path();

    @Override
    public void run() {
      print(node.client(context).getJson(path()));
    }

    void print(JsonNode model) {
      if (json.enabled()) {
        Json.print(context.out(), model);
      } else {
        text(model);
      }
    }

    /** The rendering for people; a generic table unless the model has its own. */
    void text(JsonNode model) {
      TextView.print(context.out(), model);
    }
  }

  @Command(name = "members", description = "Members, their roles and keys.")
  static final class Members extends ReadModel {
    Members(CliContext context) {
      super(context);
    }

    @Override
    void text(JsonNode model) {
      CoopViews.members(context.out(), model);
    }

    @Override
    String path() {
      return "/v1/members";
    }
  }

  @Command(name = "proposals", description = "Proposals, their tallies and what they still need.")
  static final class Proposals extends ReadModel {
    Proposals(CliContext context) {
      super(context);
    }

    @Override
    void text(JsonNode model) {
      CoopViews.proposals(context.out(), model);
    }

    @Override
    String path() {
      return "/v1/proposals";
    }
  }

  @Command(name = "proposal", description = "One proposal: votes, approvals, what is missing.")
  static final class OneProposal extends ReadModel {
    @Parameters(paramLabel = "ID", description = "proposal id or a unique prefix")
    String id;

    OneProposal(CliContext context) {
      super(context);
    }

    @Override
    void text(JsonNode model) {
      CoopViews.proposal(context.out(), model);
    }

    @Override
    void print(JsonNode model) {
      // A proposed rulebook comes with the guard-rail check for the co-op's current members.
      String proposed = model.path("details").path("rulebook").asText("");
      if (!model.path("kind").asText().equals("rulebook") || proposed.isEmpty()) {
        super.print(model);
        return;
      }
      org.coopledger.governance.clause.Rulebook rulebook =
          org.coopledger.governance.clause.Rulebook.parse(proposed);
      var members = GuardRails.members(node.client(context));
      if (json.enabled() && model instanceof ObjectNode object) {
        object.set("guardRails", GuardRails.json(rulebook, members));
        super.print(object);
        return;
      }
      super.print(model);
      GuardRails.print(context.out(), rulebook, members);
    }

    @Override
    String path() {
      return "/v1/proposals/" + new Directory(node.client(context)).proposal(id).hex();
    }
  }

  @Command(name = "splits", description = "Revenue splits, the one in force last.")
  static final class Splits extends ReadModel {
    Splits(CliContext context) {
      super(context);
    }

    @Override
    void text(JsonNode model) {
      CoopViews.splits(context.out(), model);
    }

    @Override
    String path() {
      return "/v1/splits";
    }
  }

  @Command(
      name = "money",
      description = "Named splits and the routes that pick a split per revenue source.")
  static final class MoneyView extends ReadModel {
    MoneyView(CliContext context) {
      super(context);
    }

    @Override
    void text(JsonNode model) {
      CoopViews.money(context.out(), model);
    }

    @Override
    String path() {
      return "/v1/money";
    }
  }

  @Command(name = "balances", description = "What the co-op owes each member, per currency.")
  static final class Balances extends ReadModel {
    Balances(CliContext context) {
      super(context);
    }

    @Override
    void text(JsonNode model) {
      CoopViews.balances(context.out(), model);
    }

    @Override
    String path() {
      return "/v1/balances";
    }
  }

  @Command(name = "rulebook", description = "The approval clauses in force (docs/clauses.md).")
  static final class RulebookView extends ReadModel {
    RulebookView(CliContext context) {
      super(context);
    }

    @Override
    String path() {
      return "/v1/rulebook";
    }

    @Override
    void print(JsonNode model) {
      if (!json.enabled() && model.path("rulebook").isTextual()) {
        String text = model.get("rulebook").asText();
        context.out().print(text.endsWith("\n") ? text : text + "\n");
        context.out().flush();
      } else {
        super.print(model);
      }
    }
  }

  @Command(name = "state", description = "The governance state's digest and counts.")
  static final class State extends ReadModel {
    State(CliContext context) {
      super(context);
    }

    @Override
    String path() {
      return "/v1/state";
    }
  }

  @Command(name = "checkpoint", description = "The node's latest signed checkpoint (unverified).")
  static final class CheckpointView implements Runnable {
    private final CliContext context;
    @Mixin NodeOption node;
    @Mixin JsonOption json;

    CheckpointView(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      String note = node.client(context).checkpoint();
      if (!json.enabled()) {
        context.out().print(note);
        context.err().println("(as served; `coop audit` checks it against the pinned node key)");
        return;
      }
      Checkpoint checkpoint =
          Checkpoint.parse(SignedNote.parse(note.getBytes(StandardCharsets.UTF_8)).text());
      ObjectNode out = Json.object();
      out.put("origin", checkpoint.origin());
      out.put("treeSize", checkpoint.size());
      out.put("rootHash", Base64.getEncoder().encodeToString(checkpoint.rootHash()));
      out.put("note", note);
      out.put("verified", false);
      Json.print(context.out(), out);
    }
  }
}
