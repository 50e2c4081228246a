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
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.node.NodeConfig;
import org.coopledger.testkit.CoopFixture;

/**
 * Fills a fresh node with the demo co-op: alice, bob and carol (creators; bob also treasurer), tess
 * (treasurer) and audrey (auditor) found it with the default rulebook, adopt a split through
 * approvals, votes and execution, and tess records revenue from two sources. Every entry goes
 * through the node's public API, exactly as members' entries do.
 *
 * <p>The demo keys are derived from public names (the governance fixture's keys) and written
 * unencrypted: they are for trying things out, never for anything real.
 */
final class DemoCoop {
  private static final List<String> CREATORS = List.of("alice", "bob", "carol");

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
    CoopFixture demo =
        new CoopFixture(
            config.coopId(),
            "Demo Co-op",
            CoopFixture.DEMO_PEOPLE,
            System.currentTimeMillis() - 60_000);
    Path keys = config.dataDir().resolve("keys");
    for (CoopFixture.Person person : CoopFixture.DEMO_PEOPLE) {
      KeyFiles.write(
          keys.resolve(person.name() + ".pem"),
          demo.key(person.name()),
          Optional.of(person.name()),
          null);
    }
    submit(demo.genesis("", List.of(), nodes));
    byte[] proposal =
        demo.propose(
            "alice",
            "Launch split",
            new Governed.SplitChange(
                List.of(
                    new Share(demo.id("alice"), 4000),
                    new Share(demo.id("bob"), 3500),
                    new Share(demo.id("carol"), 2500))));
    submit(proposal);
    EntryId split = CoopFixture.idOf(proposal);
    for (String creator : CREATORS) {
      submit(demo.approve(creator, split));
      submit(demo.vote(creator, split, VoteChoice.YES));
    }
    submit(demo.execute("alice", split));
    submit(demo.revenue("tess", 120_000, "EUR", "subscription"));
    submit(demo.revenue("tess", 48_000, "EUR", "drop:spring-ep"));
    printNextSteps(keys);
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
    out.println("  split:   alice 40%, bob 35%, carol 25%; revenue so far: 1200.00 + 480.00 EUR");
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
    out.println("  ./coop propose split --share alice=3000 --share bob=3000 --share carol=4000 \\");
    out.println("      --title \"Carol mixes the next EP\" --key " + keys + "/alice.pem");
    out.println("  ./coop audit");
    out.println("The README's walkthrough goes on from there.");
    out.flush();
  }
}
