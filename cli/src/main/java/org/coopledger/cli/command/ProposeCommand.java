package org.coopledger.cli.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.entry.Amounts;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.action.NewMember;
import org.coopledger.governance.action.RegionPrice;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.Tranche;
import org.coopledger.governance.clause.Rulebook;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.split.Account;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code coop propose
 * split|route|payout|pool-payout|drop|tier|expense|decision|rulebook|admit|remove|roles|recover-key|
 * node}.
 */
@Command(
    name = "propose",
    description = "Open a proposal. It takes effect when `coop execute` finds its clause met.",
    subcommands = {
      ProposeCommand.Split.class,
      ProposeCommand.Route.class,
      ProposeCommand.Payout.class,
      ProposeCommand.PoolPayout.class,
      ProposeCommand.Drop.class,
      ProposeCommand.Tier.class,
      ProposeCommand.Expense.class,
      ProposeCommand.Decision.class,
      ProposeCommand.RulebookChange.class,
      ProposeCommand.Admit.class,
      ProposeCommand.Remove.class,
      ProposeCommand.Roles.class,
      ProposeCommand.RecoverKey.class,
      ProposeCommand.NodeChange.class
    })
public final class ProposeCommand {

  /** Options every proposal has. */
  static final class Common {
    @Mixin EntryOptions entry;

    @Option(names = "--title", paramLabel = "TEXT", description = "a short title")
    String title = "";

    @Option(names = "--text", paramLabel = "TEXT", description = "the longer explanation")
    String text = "";

    void publish(CliContext context, Publisher publisher, Governed governed) {
      publisher.publish(new CreateProposal(title, text, governed));
    }
  }

  @Command(
      name = "split",
      description =
          "Propose a new version of the default split, or of a named split with --name"
              + " (basis points, sum 10000).")
  static final class Split implements Runnable {
    private final CliContext context;
    @Mixin Common common;

    @Option(
        names = "--name",
        paramLabel = "NAME",
        description = "a named split, e.g. drop:summer or membership (default: the default split)")
    String name = "";

    @Option(
        names = "--share",
        required = true,
        paramLabel = "MEMBER=BPS",
        description =
            "a member (name or key id), a pool (pool:promotion) or a guest (guest:venue) and"
                + " their share in basis points; repeat")
    Map<String, Integer> shares;

    @Option(
        names = "--recoup",
        paramLabel = "WHO=AMOUNT:CURRENCY[:LABEL]",
        description =
            "a recoup tranche repaid before the shares divide anything, e.g."
                + " pool:promotion=500.00:EUR:posters (a member, pool or guest); repeat, in the"
                + " order they are repaid")
    List<String> recoup = new ArrayList<>();

    Split(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      Publisher publisher = new Publisher(context, common.entry);
      List<Share> list = new ArrayList<>();
      List<Account> accounts = new ArrayList<>();
      shares.forEach(
          (member, bps) -> {
            var account = Account.parse(member);
            if (account.isPresent()) {
              accounts.add(account.get());
              list.add(new Share(account.get().id(), bps));
            } else {
              list.add(new Share(publisher.directory().member(member), bps));
            }
          });
      List<Tranche> tranches = new ArrayList<>();
      for (String t : recoup) {
        int eq = t.indexOf('=');
        String[] parts = eq < 0 ? new String[0] : t.substring(eq + 1).split(":", 3);
        if (eq < 1 || parts.length < 2) {
          throw new IllegalArgumentException(
              "--recoup '"
                  + t
                  + "' is not WHO=AMOUNT:CURRENCY[:LABEL], e.g. pool:promotion=500.00:EUR:posters");
        }
        String who = t.substring(0, eq);
        var account = Account.parse(who);
        MemberId recipient;
        if (account.isPresent()) {
          recipient = account.get().id();
          if (!accounts.contains(account.get())) {
            accounts.add(account.get());
          }
        } else {
          recipient = publisher.directory().member(who);
        }
        tranches.add(
            new Tranche(
                recipient,
                Amounts.parse(parts[0], parts[1]),
                parts[1],
                parts.length > 2 ? parts[2] : ""));
      }
      common.publish(context, publisher, new Governed.SplitChange(list, name, accounts, tranches));
    }
  }

  @Command(
      name = "route",
      description =
          "Propose which split the revenue of a source goes to (docs/money.md): --source drop:summer"
              + " or subscription:* --split NAME (\"\" = the default split), or --remove.")
  static final class Route implements Runnable {
    private final CliContext context;
    @Mixin Common common;

    @Option(
        names = "--source",
        required = true,
        paramLabel = "SOURCE",
        description = "one revenue source (drop:summer) or every source of a kind (subscription:*)")
    String source;

    @Option(names = "--split", paramLabel = "NAME", description = "the split it goes to")
    String split;

    @Option(names = "--remove", description = "drop the source's route instead")
    boolean remove;

    Route(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      if (remove == (split != null)) {
        throw new IllegalArgumentException("give either --split NAME or --remove");
      }
      common.publish(
          context,
          new Publisher(context, common.entry),
          new Governed.RouteChange(source, remove ? "" : split, remove));
    }
  }

  @Command(name = "payout", description = "Propose paying a member out of their balance.")
  static final class Payout implements Runnable {
    private final CliContext context;
    @Mixin Common common;

    @Option(names = "--to", required = true, paramLabel = "MEMBER", description = "who is paid")
    String to;

    @Mixin AmountOptions money;

    @Option(names = "--reference", paramLabel = "TEXT", description = "e.g. a bank transfer id")
    String reference = "";

    Payout(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      Publisher publisher = new Publisher(context, common.entry);
      common.publish(
          context,
          publisher,
          new Governed.Payout(
              publisher.directory().member(to), money.minorUnits(), money.currency, reference));
    }
  }

  @Command(
      name = "pool-payout",
      description = "Propose paying out of a co-op pool (the rulebook's pool-payout clause).")
  static final class PoolPayout implements Runnable {
    private final CliContext context;
    @Mixin Common common;

    @Option(names = "--pool", required = true, paramLabel = "NAME", description = "e.g. promotion")
    String pool;

    @Option(names = "--to", required = true, paramLabel = "PAYEE", description = "who is paid")
    String to;

    @Mixin AmountOptions money;

    @Option(names = "--reference", paramLabel = "TEXT", description = "e.g. an invoice number")
    String reference = "";

    PoolPayout(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      String name = pool.startsWith("pool:") ? pool.substring("pool:".length()) : pool;
      common.publish(
          context,
          new Publisher(context, common.entry),
          new Governed.PoolPayout(name, money.minorUnits(), money.currency, to, reference));
    }
  }

  @Command(
      name = "expense",
      description =
          "Claim a reimbursement, backed by a receipt (its SHA-256 goes on the ledger), paid from a"
              + " pool or repaid before a split (the rulebook's expense clause; docs/money.md).")
  static final class Expense implements Runnable {
    private final CliContext context;
    @Mixin Common common;

    @Option(names = "--amount", required = true, paramLabel = "AMOUNT", description = "e.g. 42.50")
    String amount;

    @Option(names = "--currency", required = true, paramLabel = "CODE", description = "e.g. EUR")
    String currency;

    @Option(
        names = "--receipt",
        required = true,
        paramLabel = "FILE",
        description = "the receipt document; only its SHA-256 is put on the ledger")
    Path receipt;

    @Option(
        names = "--claimant",
        paramLabel = "MEMBER",
        description = "who is reimbursed (default: the member proposing)")
    String claimant;

    @Option(names = "--from", paramLabel = "pool:NAME", description = "the pool that pays it")
    String from;

    @Option(
        names = "--before-split",
        paramLabel = "NAME",
        description =
            "repay it before the split NAME divides its revenue (\"\" = the default split)")
    String beforeSplit;

    Expense(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      if ((from == null) == (beforeSplit == null)) {
        throw new IllegalArgumentException("give either --from pool:NAME or --before-split NAME");
      }
      if (from != null && !from.startsWith("pool:")) {
        throw new IllegalArgumentException("--from names a pool: pool:NAME, got '" + from + "'");
      }
      String hash;
      try {
        hash =
            java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(receipt)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the receipt " + receipt, e);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK has no SHA-256", e);
      }
      Publisher publisher = new Publisher(context, common.entry);
      MemberId who;
      if (claimant != null) {
        who = publisher.directory().member(claimant);
      } else {
        String keyId = common.entry.key.load(context).key().id().hex();
        who =
            publisher.client().members().members().stream()
                .filter(m -> m.keyId().equals(keyId))
                .map(m -> MemberId.parse(m.id()))
                .findFirst()
                .orElseGet(() -> MemberId.parse(keyId));
      }
      common.publish(
          context,
          publisher,
          new Governed.Expense(
              who,
              Amounts.parse(amount, currency),
              currency,
              hash,
              from == null ? "" : from.substring("pool:".length()),
              beforeSplit == null ? "" : beforeSplit));
    }
  }

  @Command(
      name = "drop",
      description =
          "Propose a limited drop: supply cap, unit price, sale window (the rulebook's drop"
              + " clause; docs/money.md).")
  static final class Drop implements Runnable {
    private final CliContext context;
    @Mixin Common common;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "drop:NAME")
    String name;

    @Option(names = "--event", paramLabel = "TEXT", description = "the live event it is tied to")
    String event = "";

    @Option(names = "--cap", required = true, paramLabel = "N", description = "supply cap")
    long cap;

    @Option(names = "--price", required = true, paramLabel = "AMOUNT", description = "unit price")
    String price;

    @Option(names = "--currency", required = true, paramLabel = "CODE", description = "e.g. EUR")
    String currency;

    @Option(
        names = "--opens",
        required = true,
        paramLabel = "INSTANT",
        description = "e.g. 2026-06-01T18:00:00Z")
    java.time.Instant opens;

    @Option(names = "--closes", required = true, paramLabel = "INSTANT", description = "exclusive")
    java.time.Instant closes;

    Drop(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      common.publish(
          context,
          new Publisher(context, common.entry),
          new Governed.DefineDrop(
              name,
              event,
              cap,
              Amounts.parse(price, currency),
              currency,
              opens.toEpochMilli(),
              closes.toEpochMilli()));
    }
  }

  @Command(
      name = "tier",
      description =
          "Propose a membership tier's price list, one price per region for one subscriber-month"
              + " (the rulebook's tier clause; docs/money.md#tiers). It replaces the tier's list"
              + " whole.")
  static final class Tier implements Runnable {
    private final CliContext context;
    @Mixin Common common;

    @Option(
        names = "--name",
        required = true,
        paramLabel = "NAME",
        description = "the tier: its revenue is subscription:NAME")
    String name;

    @Option(
        names = "--price",
        required = true,
        paramLabel = "REGION=AMOUNT:CURRENCY",
        description = "one region's monthly price, e.g. eu=5.00:EUR or in=150:INR; repeat")
    List<String> prices = new ArrayList<>();

    Tier(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      List<RegionPrice> list = new ArrayList<>();
      for (String p : prices) {
        int eq = p.indexOf('=');
        String[] parts = eq < 0 ? new String[0] : p.substring(eq + 1).split(":", -1);
        if (eq < 1 || parts.length != 2) {
          throw new IllegalArgumentException(
              "--price '" + p + "' is not REGION=AMOUNT:CURRENCY, e.g. eu=5.00:EUR");
        }
        list.add(new RegionPrice(p.substring(0, eq), Amounts.parse(parts[0], parts[1]), parts[1]));
      }
      common.publish(
          context, new Publisher(context, common.entry), new Governed.TierChange(name, list));
    }
  }

  @Command(
      name = "decision",
      description = "Propose a plain decision: its title is what is decided.")
  static final class Decision implements Runnable {
    private final CliContext context;
    @Mixin Common common;

    Decision(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      if (common.title.isBlank()) {
        throw new IllegalArgumentException("a decision needs --title saying what is decided");
      }
      common.publish(context, new Publisher(context, common.entry), new Governed.Decision());
    }
  }

  @Command(name = "rulebook", description = "Propose replacing the rulebook (see docs/clauses.md).")
  static final class RulebookChange implements Runnable {
    private final CliContext context;
    @Mixin Common common;

    @Option(
        names = "--file",
        required = true,
        paramLabel = "FILE",
        description = "the whole new rulebook, one `kind: clause` line per action kind")
    Path file;

    RulebookChange(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // Parse here first so a typo is reported with its position before anyone signs it.
      Rulebook rulebook = Rulebook.parse(text);
      common.publish(
          context,
          new Publisher(context, common.entry),
          new Governed.RulebookChange(rulebook.text()));
    }
  }

  @Command(name = "admit", description = "Propose admitting a new member.")
  static final class Admit implements Runnable {
    private final CliContext context;
    @Mixin Common common;

    @Option(
        names = "--public-key",
        required = true,
        paramLabel = "KEY",
        description = "their public key (base64, as `coop key new` prints) or their key file")
    String publicKey;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "their name")
    String name;

    @Option(
        names = "--role",
        paramLabel = "ROLE",
        description = "a role, e.g. creator, treasurer, auditor; repeat for several")
    List<String> roles = new ArrayList<>();

    Admit(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      NewMember member = new NewMember(PublicKeys.parse(publicKey), name, roles);
      common.publish(
          context, new Publisher(context, common.entry), new Governed.AdmitMember(member));
    }
  }

  @Command(
      name = "remove",
      description = "Propose removing a member (their balance stays payable).")
  static final class Remove implements Runnable {
    private final CliContext context;
    @Mixin Common common;

    @Option(names = "--member", required = true, paramLabel = "MEMBER", description = "who leaves")
    String member;

    Remove(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      Publisher publisher = new Publisher(context, common.entry);
      common.publish(
          context, publisher, new Governed.RemoveMember(publisher.directory().member(member)));
    }
  }

  @Command(name = "roles", description = "Propose replacing a member's roles.")
  static final class Roles implements Runnable {
    private final CliContext context;
    @Mixin Common common;

    @Option(names = "--member", required = true, paramLabel = "MEMBER", description = "whose roles")
    String member;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "a role; repeat")
    List<String> roles;

    Roles(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      Publisher publisher = new Publisher(context, common.entry);
      common.publish(
          context,
          publisher,
          new Governed.ChangeRoles(publisher.directory().member(member), roles));
    }
  }

  @Command(
      name = "recover-key",
      description =
          "Propose giving a member who lost their key (or had it stolen) a new one; by default"
              + " a vote, then 72 h in which that member may veto.")
  static final class RecoverKey implements Runnable {
    private final CliContext context;
    @Mixin Common common;

    @Option(names = "--member", required = true, paramLabel = "MEMBER", description = "whose key")
    String member;

    @Option(
        names = "--new-key",
        required = true,
        paramLabel = "KEY",
        description = "the new public key (base64, as `coop key new` prints) or its key file")
    String newKey;

    RecoverKey(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      Publisher publisher = new Publisher(context, common.entry);
      common.publish(
          context,
          publisher,
          new Governed.RecoverKey(publisher.directory().member(member), PublicKeys.parse(newKey)));
    }
  }

  @Command(
      name = "node",
      description =
          "Propose changing the co-op's network of nodes (the rulebook's nodes clause;"
              + " docs/network.md): --add NAME --node-key KEY --raft-address HOST:PORT, --remove"
              + " NAME, or both (a replacement).")
  static final class NodeChange implements Runnable {
    private final CliContext context;
    @Mixin Common common;

    @Option(
        names = "--add",
        paramLabel = "NAME",
        description = "the node to add: its peer id (its name as a witness)")
    String add;

    @Option(
        names = "--node-key",
        paramLabel = "FILE|KEY",
        description =
            "the added node's public key: its verifierKey (GET /v1/node), the Ed25519 key in hex"
                + " or base64, a PEM public key, or a file holding one of those or its"
                + " node-key.pem")
    String nodeKey;

    @Option(
        names = "--raft-address",
        paramLabel = "HOST:PORT",
        description = "the added node's Raft address, as the other nodes reach it")
    String raftAddress;

    @Option(
        names = "--url",
        paramLabel = "URL",
        description =
            "the added node's REST URL: checked before signing (it must serve this name, key and"
                + " Raft address); not part of the proposal")
    String url;

    @Option(names = "--remove", paramLabel = "NAME", description = "the node to remove")
    String remove;

    NodeChange(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      if (add == null && remove == null) {
        throw new IllegalArgumentException(
            "give --add NAME (with --node-key and --raft-address), --remove NAME, or both to"
                + " replace a node");
      }
      if (add == null && (nodeKey != null || raftAddress != null || url != null)) {
        throw new IllegalArgumentException(
            "--node-key, --raft-address and --url describe the node to add: give --add NAME too");
      }
      NetworkNode node = null;
      if (add != null) {
        if (nodeKey == null || raftAddress == null) {
          throw new IllegalArgumentException(
              "--add "
                  + add
                  + " needs the node's public key (--node-key) and its Raft address"
                  + " (--raft-address HOST:PORT)");
        }
        node = new NetworkNode(add, NodeKeys.parse(nodeKey), raftAddress);
        if (url != null) {
          checkServes(node);
        }
      }
      common.publish(
          context,
          new Publisher(context, common.entry),
          new Governed.NodeChange(remove == null ? "" : remove, node));
    }

    /** Refuses to sign if the node at {@link #url} is not the node described. */
    private void checkServes(NetworkNode node) {
      org.coopledger.api.v1.NodeInfo info = org.coopledger.api.client.NodeClient.of(url).nodeInfo();
      List<String> differences = new ArrayList<>();
      if (!node.name().equals(info.peerId())) {
        differences.add("its peer id is '" + info.peerId() + "', not '" + node.name() + "'");
      }
      if (!node.raftAddress().equals(info.raftAddress())) {
        differences.add(
            "its Raft address is " + info.raftAddress() + ", not " + node.raftAddress());
      }
      if (info.verifierKey() == null) {
        context
            .err()
            .println(
                "note: the node at "
                    + url
                    + " holds no ledger yet, so it serves no key to compare with --node-key");
      } else if (!org.coopledger.governance.checkpoint.NoteVerifier.parse(info.verifierKey())
          .publicKey()
          .equals(node.key())) {
        differences.add("its key is " + info.verifierKey() + ", not the --node-key given");
      }
      if (!differences.isEmpty()) {
        throw new IllegalArgumentException(
            "the node at " + url + " is not the node to add: " + String.join("; ", differences));
      }
    }
  }
}
