package org.coopledger.testnet.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.client.Reply;
import org.coopledger.governance.action.EntryId;
import org.coopledger.node.CoopNode;
import org.coopledger.node.NodeConfig;
import org.coopledger.testkit.CoopFixture;
import org.coopledger.testnet.load.LoadGenerator;
import org.coopledger.testnet.load.LoadResult;
import org.coopledger.testnet.load.VoteLoad;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coop bench} / {@code ./bench ingest}: the node's write path end to end, in the spirit of
 * {@code etcdctl check perf}. Pre-signs votes from many member keys, submits them over HTTP with
 * bounded concurrency to a node it starts itself (or to {@code --node}), and prints entries/s,
 * acknowledgement latency percentiles, the ratio of entries/s to this machine's raw Ed25519
 * verify/s measured in the same run, and the latency of inclusion and consistency proofs on a large
 * ledger. The last line is {@code RESULT key=value ...}.
 */
@Command(
    name = "coop bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures a node's write path (votes over HTTP) against this machine's Ed25519 verify rate,"
          + " and the latency of Merkle proofs on a large ledger.",
      "Without --node it starts a node itself (temporary data directory, free 127.0.0.1 ports)"
          + " and builds the proof ledger with the node's own store code.",
      "With --node the node must be empty (the bench founds a co-op of bench members on it) or"
          + " hold a co-op founded by an earlier bench run with at least --members members."
    })
public final class IngestBench implements Callable<Integer> {
  @Option(names = "--node", paramLabel = "URL", description = "Use this node (default: start one).")
  URI node;

  @Option(
      names = "--entries",
      paramLabel = "N",
      description = "Votes measured (default ${DEFAULT-VALUE}).")
  int entries = 20_000;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      description = "Votes sent first, not measured (default ${DEFAULT-VALUE}).")
  int warmup = 2_000;

  @Option(
      names = "--members",
      paramLabel = "M",
      description = "Member keys that sign (1-64, default ${DEFAULT-VALUE}).")
  int members = VoteLoad.MAX_MEMBERS;

  @Option(
      names = "--concurrency",
      paramLabel = "C",
      description =
          "Requests in flight at most (default ${DEFAULT-VALUE}; at most one per member).")
  int concurrency = 64;

  @Option(
      names = "--format",
      paramLabel = "F",
      description = "PROTOBUF or JSON request bodies (default ${DEFAULT-VALUE}).")
  LoadGenerator.Format format = LoadGenerator.Format.PROTOBUF;

  @Option(
      names = "--proof-entries",
      paramLabel = "P",
      description =
          "Size of the ledger built for the proof latencies (default ${DEFAULT-VALUE}; 0 = measure them on the ingest ledger). Ignored with --node.")
  long proofEntries = 1_000_000;

  @Option(
      names = "--proof-dir",
      paramLabel = "DIR",
      description =
          "Keep the proof ledger here and reuse it next time (default: a temporary directory, deleted).")
  Path proofDir;

  @Option(
      names = "--proof-samples",
      paramLabel = "S",
      description = "Proofs of each kind measured (default ${DEFAULT-VALUE}).")
  int proofSamples = 1_000;

  @Option(
      names = "--verify-seconds",
      paramLabel = "S",
      description =
          "Seconds per Ed25519 verify measurement, each after an equal warm-up (default ${DEFAULT-VALUE}).")
  int verifySeconds = 2;

  @Option(names = "--verbose", description = "Show the node's log.")
  boolean verbose;

  private final PrintStream out;

  public IngestBench() {
    this(System.out);
  }

  /** A bench that prints to {@code out} (tests capture it). */
  public IngestBench(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(run(System.out, args));
  }

  /** Runs the bench with command-line {@code args}; returns the exit code (0 = no entry failed). */
  public static int run(PrintStream out, String... args) {
    return new CommandLine(new IngestBench(out))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
        .execute(args);
  }

  @Override
  public Integer call() throws Exception {
    if (entries < 1 || warmup < 0 || concurrency < 1 || proofSamples < 1 || verifySeconds < 1) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "--entries, --concurrency, --proof-samples, --verify-seconds must be positive, --warmup not negative");
    }
    if (!verbose) {
      Logger.getLogger("").setLevel(Level.WARNING);
    }
    Report report = new Report(out);
    report.header();
    int cores = Runtime.getRuntime().availableProcessors();
    Duration verifyTime = Duration.ofSeconds(verifySeconds);
    Primitives primitives = new Primitives();
    out.printf(Locale.ROOT, "measuring Ed25519 verify on 1 and %d threads ...%n", cores);
    Rate verify1 = primitives.verify(verifyTime, 1);
    Rate verifyBefore = primitives.verify(verifyTime, cores);

    Path scratch = Files.createTempDirectory("coop-bench-");
    try {
      Ingest ingest;
      ProofBench.Result proofs;
      if (node != null) {
        try (NodeClient api = NodeClient.of(node)) {
          ingest = ingest(api, null);
          proofs = proofs(api);
        }
      } else {
        NodeConfig config =
            NodeConfig.defaults()
                .withDataDir(scratch.resolve("ingest"))
                .withPort(0)
                .withCoopId("bench-coop");
        try (CoopNode started = CoopNode.start(config);
            NodeClient api = NodeClient.of(started.uri())) {
          out.println("started a node at " + started.uri() + " with data in " + config.dataDir());
          ingest = ingest(api, started);
          proofs = proofEntries == 0 ? proofs(api) : null;
        }
        if (proofs == null) {
          proofs = proofsOnBuiltLedger(proofDir != null ? proofDir : scratch.resolve("proofs"));
        }
      }
      out.printf(Locale.ROOT, "measuring Ed25519 verify on %d threads again ...%n", cores);
      Rate verifyAfter = primitives.verify(verifyTime, cores);
      String where =
          node != null
              ? "the given node"
              : proofEntries == 0 ? "the ingest ledger" : "a node started on a built ledger";
      report.summary(ingest, verify1, verifyBefore, verifyAfter, proofs, where);
      return ingest.result().failed() == 0 ? 0 : 1;
    } finally {
      deleteTree(scratch);
    }
  }

  /** One measured ingest: what the load generator saw, and the node's CPU if it ran in-process. */
  record Ingest(
      LoadResult result,
      int members,
      int concurrency,
      LoadGenerator.Format format,
      URI node,
      Duration nodeCpu,
      Map<String, Duration> cpuByThreads,
      Duration compiling,
      Duration collecting,
      double entriesPerBatch) {}

  private Ingest ingest(NodeClient api, CoopNode local) throws InterruptedException {
    var info = api.getJson("/v1/node");
    String coopId = info.get("coopId").asText();
    long size = info.get("treeSize").asLong();
    // A fresh co-op starts at nonce 1; on a co-op an earlier run founded, nonces from the clock
    // (a million per millisecond of headroom) stay above every nonce used before.
    long nonceBase = size == 0 ? 0 : System.currentTimeMillis() * 1_000_000L;
    VoteLoad load = VoteLoad.of(coopId, members, nonceBase, System.currentTimeMillis());
    if (size == 0) {
      out.printf(
          Locale.ROOT,
          "founding co-op %s with %d members (genesis signed by all) ...%n",
          coopId,
          members);
      expectCreated(api.postEntry(load.genesis()), "the genesis");
    } else {
      out.printf(
          Locale.ROOT,
          "co-op %s already holds %,d entries: using its bench members%n",
          coopId,
          size);
    }
    byte[] proposal = load.proposal("bench " + System.currentTimeMillis());
    expectCreated(api.postEntry(proposal), "the decision proposal");
    EntryId proposalId = CoopFixture.idOf(proposal);

    out.printf(Locale.ROOT, "signing %,d votes (%,d warm-up) ...%n", warmup + entries, warmup);
    long signStart = System.nanoTime();
    List<byte[]> votes = load.votes(proposalId, 0, warmup + entries);
    out.printf(Locale.ROOT, "signed in %.1f s%n", (System.nanoTime() - signStart) / 1e9);
    try (LoadGenerator generator = new LoadGenerator(api.uri(), concurrency, format)) {
      if (warmup > 0) {
        out.printf(Locale.ROOT, "warm-up: %,d votes ...%n", warmup);
        LoadResult warm = generator.run(votes.subList(0, warmup), load::authorOf, n -> {});
        requireNoFailures(warm, "warm-up");
      }
      out.printf(
          Locale.ROOT,
          "ingest: %,d votes, %d members, up to %d in flight, %s ...%n",
          entries,
          members,
          Math.min(concurrency, members),
          format);
      List<byte[]> measured = votes.subList(warmup, warmup + entries);
      long cpuBefore = Report.processCpuNanos();
      ThreadCpu threads = ThreadCpu.snapshot();
      var batchesBefore = BatchMeter.read(api);
      long[] last = {0, System.nanoTime()};
      LoadResult result =
          generator.run(
              measured,
              k -> load.authorOf(warmup + k),
              done -> {
                long now = System.nanoTime();
                out.printf(
                    Locale.ROOT,
                    "  %,9d / %,d answered, %,7.0f/s%n",
                    done,
                    entries,
                    (done - last[0]) / ((now - last[1]) / 1e9));
                last[0] = done;
                last[1] = now;
              });
      Duration nodeCpu =
          local == null
              ? null
              : Duration.ofNanos(Report.processCpuNanos() - cpuBefore).minus(result.clientCpu());
      return new Ingest(
          result,
          members,
          concurrency,
          format,
          api.uri(),
          nodeCpu,
          local == null ? Map.of() : threads.sinceByGroup(),
          threads.compilingSince(),
          threads.collectingSince(),
          batchesBefore
              .flatMap(before -> BatchMeter.read(api).map(r -> r.entriesPerBatchSince(before)))
              .orElse(Double.NaN));
    }
  }

  private ProofBench.Result proofsOnBuiltLedger(Path dir) throws IOException {
    Files.createDirectories(dir);
    out.printf(
        Locale.ROOT,
        "preparing a ledger of %,d entries in %s (node store code, signed and verified votes) ...%n",
        proofEntries,
        dir);
    long start = System.nanoTime();
    long size =
        ProofStore.prepare(
            dir,
            proofEntries,
            n ->
                out.printf(
                    Locale.ROOT, "  %,d entries (%.0f s)%n", n, (System.nanoTime() - start) / 1e9));
    NodeConfig config =
        NodeConfig.defaults().withDataDir(dir).withPort(0).withCoopId(ProofStore.COOP_ID);
    try (CoopNode started = CoopNode.start(config);
        NodeClient api = NodeClient.of(started.uri())) {
      out.printf(
          Locale.ROOT, "started a node on the %,d-entry ledger at %s%n", size, started.uri());
      return proofs(api);
    }
  }

  private ProofBench.Result proofs(NodeClient api) {
    out.printf(
        Locale.ROOT,
        "proofs: %,d inclusion and %,d consistency proofs, one at a time ...%n",
        proofSamples,
        proofSamples);
    return new ProofBench(api)
        .run(
            proofSamples,
            Math.min(200, proofSamples),
            n -> out.printf(Locale.ROOT, "  %,d / %,d%n", n, proofSamples));
  }

  private static void expectCreated(Reply reply, String what) {
    if (reply.status() != 201) {
      throw new IllegalStateException(
          "the node refused "
              + what
              + " (HTTP "
              + reply.status()
              + "): "
              + reply.body()
              + "\n(with --node, give an empty node or one whose co-op an earlier bench run founded)");
    }
  }

  private static void requireNoFailures(LoadResult result, String what) {
    if (result.failed() > 0) {
      throw new IllegalStateException(
          what
              + ": "
              + result.failed()
              + " entries failed: "
              + result.failures()
              + " e.g. "
              + result.firstMessages());
    }
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + root, e);
    }
  }
}
