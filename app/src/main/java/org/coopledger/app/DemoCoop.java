package org.coopledger.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.coopledger.api.client.NodeClient;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.entry.SignedEntryFile;
import org.coopledger.cli.keys.KeyFiles;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.Tranche;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.clause.ActionKind;
import org.coopledger.governance.clause.Clause;
import org.coopledger.governance.clause.DefaultRulebook;
import org.coopledger.governance.clause.Rulebook;
import org.coopledger.governance.split.Account;
import org.coopledger.node.NodeConfig;
import org.coopledger.testkit.CoopFixture;

/**
 * Fills a fresh node with the demo co-op: alice, bob and carol (creators; bob also treasurer), tess
 * (treasurer) and audrey (auditor) found it with the default rulebook plus clauses for pools, drops
 * and expenses ({@link #rulebook}), adopt the default split through approvals, votes and execution,
 * give the spring EP drop its own split (which first repays the promotion pool's posters, then
 * gives the pool a tenth), route the drop's revenue there, define the drop (100 copies at 12.00
 * EUR), and tess records a month of subscriptions and 40 copies sold
 * (docs/money.md#the-demo-co-op). Every entry goes through the node's public API, exactly as
 * members' entries do.
 *
 * <p>The demo keys are derived from public names (the governance fixture's keys) and written
 * unencrypted: they are for trying things out, never for anything real.
 */
final class DemoCoop {
  private static final List<String> CREATORS = List.of("alice", "bob", "carol");

  /** The promotion pool: a tenth of the drop's sales, after it has got its posters back. */
  static final Account PROMOTION = new Account(Account.Kind.POOL, "promotion");

  static final String DROP = "spring-ep";
  static final String DROP_SOURCE = "drop:" + DROP;
  static final long DROP_CAP = 100;
  static final long DROP_PRICE_MINOR = 1_200;

  /** What the promotion pool paid up front for posters and flyers: the drop repays it first. */
  static final long POSTERS_MINOR = 15_000;

  private final CliContext context;
  private final NodeConfig config;
  private final String url;
  private final NodeClient client;
  private final List<NetworkNode> nodes;

  DemoCoop(CliContext context, NodeConfig config, String url) {
    this(context, config, url, List.of());
  }

  /** The demo co-op founded with a network of {@code nodes} (none: a single node). */
  DemoCoop(CliContext context, NodeConfig config, String url, List<NetworkNode> nodes) {
    this.nodes = List.copyOf(nodes);
    this.context = context;
    this.config = config;
    this.url = url;
    this.client = NodeClient.of(url);
  }

  void create() {
    // Entries are dated a minute back, one second apart: all in the node's past.
    long start = System.currentTimeMillis() - 60_000;
    CoopFixture demo =
        new CoopFixture(config.coopId(), "Demo Co-op", CoopFixture.DEMO_PEOPLE, start);
    Path keys = config.dataDir().resolve("keys");
    for (CoopFixture.Person person : CoopFixture.DEMO_PEOPLE) {
      KeyFiles.write(
          keys.resolve(person.name() + ".pem"),
          demo.key(person.name()),
          Optional.of(person.name()),
          null);
    }
    submit(demo.genesis(rulebook(nodes).text(), List.of(), nodes));
    // The default split: subscriptions, workshops and everything no route sends elsewhere.
    carry(
        demo,
        "alice",
        "Launch split",
        new Governed.SplitChange(
            List.of(
                new Share(demo.id("alice"), 4000),
                new Share(demo.id("bob"), 3500),
                new Share(demo.id("carol"), 2500))),
        CREATORS,
        CREATORS);
    // The spring EP is alice's and carol's: its own split, which first repays the promotion
    // pool's posters and then gives the pool a tenth of every sale.
    carry(
        demo,
        "carol",
        "Spring EP split",
        new Governed.SplitChange(
            List.of(
                new Share(demo.id("alice"), 4500),
                new Share(demo.id("carol"), 4500),
                new Share(PROMOTION.id(), 1000)),
            DROP_SOURCE,
            List.of(PROMOTION),
            List.of(new Tranche(PROMOTION.id(), POSTERS_MINOR, "EUR", "posters and flyers"))),
        List.of("alice", "carol"),
        CREATORS);
    // Routing the drop's revenue there takes bob's default share of it away: he approves too.
    carry(
        demo,
        "carol",
        "Spring EP revenue to its split",
        new Governed.RouteChange(DROP_SOURCE, DROP_SOURCE, false),
        CREATORS,
        CREATORS);
    // 100 signed copies at 12.00 EUR, on sale from the release show for thirty days.
    carry(
        demo,
        "alice",
        "Spring EP: 100 signed copies",
        new Governed.DefineDrop(
            DROP,
            "Spring EP release show, Harbour Hall",
            DROP_CAP,
            DROP_PRICE_MINOR,
            "EUR",
            start,
            start + 30L * 24 * 3_600_000),
        List.of("carol", "tess"),
        List.of());
    submit(demo.revenue("tess", 120_000, "EUR", "subscription"));
    submit(demo.revenue("tess", 40 * DROP_PRICE_MINOR, "EUR", DROP_SOURCE, 40));
    printNextSteps(keys);
  }

  /**
   * The default rulebook (with the network's clauses, if it has nodes) and the clauses for the
   * money beyond the default split: two treasurers pay a pool out or approve an expense, a creator
   * and a treasurer define a drop.
   */
  static Rulebook rulebook(List<NetworkNode> nodes) {
    Rulebook base =
        nodes.isEmpty() ? DefaultRulebook.rulebook() : DefaultRulebook.forNetwork(nodes.size());
    return base.with(ActionKind.POOL_PAYOUT, Clause.parse("2 of role(treasurer)"))
        .with(ActionKind.DROP, Clause.parse("1 of role(creator) & 1 of role(treasurer)"))
        .with(ActionKind.EXPENSE, Clause.parse("2 of role(treasurer)"));
  }

  /**
   * Proposes {@code governed} as {@code author}, has {@code approvers} approve and {@code voters}
   * vote yes, and executes it.
   */
  private void carry(
      CoopFixture demo,
      String author,
      String title,
      Governed governed,
      List<String> approvers,
      List<String> voters) {
    byte[] proposal = demo.propose(author, title, governed);
    submit(proposal);
    EntryId id = CoopFixture.idOf(proposal);
    for (String name : approvers) {
      submit(demo.approve(name, id));
    }
    for (String name : voters) {
      submit(demo.vote(name, id, VoteChoice.YES));
    }
    submit(demo.execute(author, id));
  }

  private void submit(byte[] signedEntry) {
    client.submit(SignedEntryFile.apiJson(signedEntry));
  }

  private void printNextSteps(Path keys) {
    var out = context.out();
    out.println();
    out.println("The demo co-op is ready.");
    out.println(
        "  members: alice, bob, carol (creators; bob also treasurer), tess (treasurer),"
            + " audrey (auditor)");
    out.println("  split:   alice 40%, bob 35%, carol 25% (subscriptions, workshops, ...)");
    out.println(
        "  drop:    spring-ep, 100 copies at 12.00 EUR, 40 sold; its split: alice 45%, carol 45%,");
    out.println("           pool:promotion 10%, after repaying the pool's 150.00 EUR of posters");
    out.println("  revenue: 1200.00 EUR of subscriptions, 480.00 EUR of the drop");
    out.println(
        "  keys:    " + keys + "/NAME.pem (unencrypted demo keys: never use them for real)");
    out.println("  web app: " + url + "/ (sign in there with one of those key files)");
    out.println();
    out.println("Try, in another terminal:");
    if (!url.equals("http://127.0.0.1:8080")) {
      out.println("  export COOP_NODE=" + url);
    }
    out.println("  ./coop show members");
    out.println("  ./coop show balances");
    out.println("  ./coop show money");
    out.println("  ./coop propose split --share alice=3000 --share bob=3000 --share carol=4000 \\");
    out.println("      --title \"Carol mixes the next EP\" --key " + keys + "/alice.pem");
    out.println("  ./coop audit");
    out.println("The README's walkthrough goes on from there.");
    out.flush();
  }
}
