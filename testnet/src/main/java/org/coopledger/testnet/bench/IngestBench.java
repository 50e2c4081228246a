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
import org.coopledger.testnet.load.BatchLoadGenerator;
import org.coopledger.testnet.load.LoadGenerator;
import org.coopledger.testnet.load.LoadResult;
import org.coopledger.testnet.load.OpenLoopGenerator;
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
      description = "Votes measured in batch mode (default ${DEFAULT-VALUE}).")
  int entries = 20_000;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      description =
          "Votes per warm-up round (default ${DEFAULT-VALUE}): rounds of batches, then of single"
              + " entries, are sent until two rounds in a row agree within 15% (at most 6), so"
              + " that the JIT has settled before anything is measured.")
  int warmup = 4_000;

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
      names = "--batch-size",
      paramLabel = "B",
      description =
          "Entries per POST /v1/entries:batch request in batch mode (default ${DEFAULT-VALUE}).")
  int batchSize = 1_000;

  @Option(
      names = "--batch-streams",
      paramLabel = "S",
      description =
          "Batch requests in flight at once in batch mode, each for its own members (default ${DEFAULT-VALUE}).")
  int batchStreams = 2;

  @Option(
      names = "--single-entries",
      paramLabel = "N",
      description =
          "Votes measured in single-entry mode, one per request (default ${DEFAULT-VALUE}).")
  int singleEntries = 10_000;

  @Option(
      names = "--open-loop-rate",
      paramLabel = "R",
      description =
          "Entries per second offered in the open-loop latency run, one per request (default ${DEFAULT-VALUE}; 0 skips it).")
  int openLoopRate = 1_000;

  @Option(
      names = "--open-loop-seconds",
      paramLabel = "T",
      description = "Length of the open-loop run (default ${DEFAULT-VALUE}).")
  int openLoopSeconds = 10;

  @Option(
      names = "--open-loop-trace",
      paramLabel = "FILE",
      description =
          "Write one line per open-loop entry here: when it was due, how long after that it was"
              + " sent, its latency (to lay beside a GC log or a profile).")
  Path openLoopTrace;

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

  @Option(
      names = "--audit-entries",
      paramLabel = "A",
      description =
          "Also time `coop audit` (own JVM: entries/s, CPU, peak RSS) of a built ledger of A entries"
              + " besides the proof ledger's, to show how memory grows (default ${DEFAULT-VALUE}; 0"
              + " skips both audits). Ignored with --node.")
  long auditEntries = 100_000;

  @Option(
      names = "--nodes",
      paramLabel = "N",
      description =
          "With N > 1: measure a network of N nodes (in this process) against one node in the same"
              + " run, batch mode through the leader, --entries each, and the catch-up of a node"
              + " --catch-up-entries behind; the other measurements are skipped (default"
              + " ${DEFAULT-VALUE}).")
  int nodes = 1;

  @Option(
      names = "--catch-up-entries",
      paramLabel = "N",
      description =
          "With --nodes: how far behind the catching-up node is (default ${DEFAULT-VALUE}).")
  int catchUpEntries = 100_000;

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
    if (entries < 1
        || singleEntries < 1
        || warmup < 0
        || concurrency < 1
        || batchSize < 1
        || batchStreams < 1
        || openLoopRate < 0
        || openLoopSeconds < 0
        || proofSamples < 1
        || verifySeconds < 1) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "--entries, --single-entries, --concurrency, --batch-size, --batch-streams,"
              + " --proof-samples, --verify-seconds must be positive; --warmup, --open-loop-rate,"
              + " --open-loop-seconds not negative");
    }
    if (!verbose) {
      Logger.getLogger("").setLevel(Level.WARNING);
    }
    Report report = new Report(out);
    report.header();
    if (nodes > 1) {
      if (node != null || nodes > 9 || catchUpEntries < 1) {
        throw new CommandLine.ParameterException(
            new CommandLine(this),
            "--nodes takes 2 to 9 and starts its own nodes (no --node); --catch-up-entries must be"
                + " positive");
      }
      Path scratch = Files.createTempDirectory("coop-bench-net-");
      try {
        return new NetworkBench(
                out,
                nodes,
                entries,
                warmup,
                batchSize,
                batchStreams,
                catchUpEntries,
                Duration.ofSeconds(verifySeconds))
            .run(scratch);
      } finally {
        deleteTree(scratch);
      }
    }
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
      AuditBench.Result audit = null;
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
          Path dir = proofDir != null ? proofDir : scratch.resolve("proofs");
          BuiltLedger built = onBuiltLedger(dir, proofEntries, auditEntries > 0, scratch);
          proofs = built.proofs();
          audit = built.audit();
          if (audit != null) {
            Path small =
                proofDir != null
                    ? proofDir.resolveSibling(proofDir.getFileName() + "-" + auditEntries)
                    : scratch.resolve("audit-" + auditEntries);
            audit = audit.withSmallerRun(onBuiltLedger(small, auditEntries, true, scratch).audit());
          }
        }
      }
      out.printf(Locale.ROOT, "measuring Ed25519 verify on %d threads again ...%n", cores);
      Rate verifyAfter = primitives.verify(verifyTime, cores);
      String where =
          node != null
              ? "the given node"
              : proofEntries == 0 ? "the ingest ledger" : "a node started on a built ledger";
      report.summary(ingest, verify1, verifyBefore, verifyAfter, proofs, where, audit);
      return ingest.batch().result().failed() == 0 && ingest.single().result().failed() == 0
          ? 0
          : 1;
    } finally {
      deleteTree(scratch);
    }
  }

  /** One measured load: what the load generator saw, and the node's CPU if it ran in-process. */
  record Measured(
      String mode,
      LoadResult result,
      Duration nodeCpu,
      Map<String, Duration> cpuByThreads,
      Duration compiling,
      Duration collecting,
      double entriesPerBatch) {}

  /** The whole ingest: batch mode, single-entry mode, the open-loop run. */
  record Ingest(
      int members,
      int concurrency,
      LoadGenerator.Format format,
      URI node,
      int batchSize,
      int batchStreams,
      List<String> warmups,
      Measured batch,
      Measured single,
      LoadResult openLoop,
      int openLoopRate) {}

  /** Hands out consecutive slices of the pre-signed votes (nonces rise along the list). */
  private static final class Votes {
    private final List<byte[]> all;
    private final VoteLoad load;
    private int next;

    Votes(List<byte[]> all, VoteLoad load) {
      this.all = all;
      this.load = load;
    }

    Slice take(int count) {
      int from = next;
      next += count;
      return new Slice(all.subList(from, from + count), k -> load.authorOf(from + k));
    }
  }

  private record Slice(List<byte[]> entries, java.util.function.IntUnaryOperator authorOf) {}

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

    int openLoopEntries = openLoopRate * openLoopSeconds;
    int total = 2 * MAX_WARMUP_ROUNDS * warmup + entries + singleEntries + openLoopEntries;
    out.printf(Locale.ROOT, "signing %,d votes (warm-up included) ...%n", total);
    long signStart = System.nanoTime();
    Votes votes = new Votes(load.votes(proposalId, 0, total), load);
    out.printf(Locale.ROOT, "signed in %.1f s%n", (System.nanoTime() - signStart) / 1e9);
    List<String> warmups = new java.util.ArrayList<>();
    try (BatchLoadGenerator batches =
            new BatchLoadGenerator(api.uri(), batchStreams, batchSize, format);
        LoadGenerator singles = new LoadGenerator(api.uri(), concurrency, format);
        OpenLoopGenerator open = new OpenLoopGenerator(api.uri())) {
      warmups.add(
          warmUp("batch", slice -> batches.run(slice.entries(), slice.authorOf(), n -> {}), votes));
      warmups.add(
          warmUp(
              "single-entry",
              slice -> singles.run(slice.entries(), slice.authorOf(), n -> {}),
              votes));
      out.printf(
          Locale.ROOT,
          "batch mode: %,d votes, %d members, batches of %,d, %d in flight, %s ...%n",
          entries,
          members,
          batchSize,
          batchStreams,
          format);
      Measured batch =
          measure(
              "batch",
              api,
              local,
              votes.take(entries),
              (slice, progress) -> batches.run(slice.entries(), slice.authorOf(), progress));
      out.printf(
          Locale.ROOT,
          "single-entry mode: %,d votes, up to %d in flight, %s ...%n",
          singleEntries,
          Math.min(concurrency, members),
          format);
      Measured single =
          measure(
              "single-entry",
              api,
              local,
              votes.take(singleEntries),
              (slice, progress) -> singles.run(slice.entries(), slice.authorOf(), progress));
      LoadResult openLoop = null;
      if (openLoopEntries > 0) {
        out.printf(
            Locale.ROOT,
            "open loop: %,d entries/s offered for %d s, one per request (protobuf) ...%n",
            openLoopRate,
            openLoopSeconds);
        Slice slice = votes.take(openLoopEntries);
        openLoop = open.run(slice.entries(), slice.authorOf(), openLoopRate, openLoopTrace);
      }
      return new Ingest(
          members,
          concurrency,
          format,
          api.uri(),
          batchSize,
          batchStreams,
          warmups,
          batch,
          single,
          openLoop,
          openLoopRate);
    }
  }

  private static final int MAX_WARMUP_ROUNDS = 6;

  @FunctionalInterface
  private interface Load {
    LoadResult run(Slice slice) throws InterruptedException;
  }

  @FunctionalInterface
  private interface MeasuredLoad {
    LoadResult run(Slice slice, java.util.function.Consumer<Integer> progress)
        throws InterruptedException;
  }

  /**
   * Rounds of {@code warmup} votes until two rounds in a row agree within 15% (the JIT has
   * settled), at most {@link #MAX_WARMUP_ROUNDS}; returns what it did, for the report.
   */
  private String warmUp(String mode, Load load, Votes votes) throws InterruptedException {
    if (warmup == 0) {
      return mode + ": no warm-up";
    }
    double previous = 0;
    List<String> rates = new java.util.ArrayList<>();
    for (int round = 1; round <= MAX_WARMUP_ROUNDS; round++) {
      LoadResult result = load.run(votes.take(warmup));
      requireNoFailures(result, mode + " warm-up");
      double rate = result.acceptedPerSecond();
      rates.add(String.format(Locale.ROOT, "%,.0f", rate));
      out.printf(Locale.ROOT, "warm-up (%s) round %d: %,.0f entries/s%n", mode, round, rate);
      if (previous > 0 && Math.abs(rate - previous) <= 0.15 * Math.max(rate, previous)) {
        break;
      }
      previous = rate;
    }
    return mode
        + " warm-up: "
        + rates.size()
        + " rounds of "
        + warmup
        + " ("
        + String.join(", ", rates)
        + " entries/s)";
  }

  private Measured measure(
      String mode, NodeClient api, CoopNode local, Slice slice, MeasuredLoad load)
      throws InterruptedException {
    long cpuBefore = Report.processCpuNanos();
    ThreadCpu threads = ThreadCpu.snapshot();
    var batchesBefore = BatchMeter.read(api);
    long[] last = {0, System.nanoTime()};
    int count = slice.entries().size();
    LoadResult result =
        load.run(
            slice,
            done -> {
              long now = System.nanoTime();
              out.printf(
                  Locale.ROOT,
                  "  %,9d / %,d answered, %,7.0f/s%n",
                  done,
                  count,
                  (done - last[0]) / ((now - last[1]) / 1e9));
              last[0] = done;
              last[1] = now;
            });
    Duration nodeCpu =
        local == null
            ? null
            : Duration.ofNanos(Report.processCpuNanos() - cpuBefore).minus(result.clientCpu());
    return new Measured(
        mode,
        result,
        nodeCpu,
        local == null ? Map.of() : threads.sinceByGroup(),
        threads.compilingSince(),
        threads.collectingSince(),
        batchesBefore
            .flatMap(before -> BatchMeter.read(api).map(r -> r.entriesPerBatchSince(before)))
            .orElse(Double.NaN));
  }

  private record BuiltLedger(ProofBench.Result proofs, AuditBench.Result audit) {}

  /**
   * Builds (or reuses) a ledger of {@code size} entries in {@code dir}, starts a node on it and
   * times proofs on it and, if asked, {@code coop audit} of it.
   */
  private BuiltLedger onBuiltLedger(Path dir, long size, boolean audit, Path scratch)
      throws IOException {
    Files.createDirectories(dir);
    out.printf(
        Locale.ROOT,
        "preparing a ledger of %,d entries in %s (node store code, signed and verified votes) ...%n",
        size,
        dir);
    long start = System.nanoTime();
    long built =
        ProofStore.prepare(
            dir,
            size,
            n ->
                out.printf(
                    Locale.ROOT, "  %,d entries (%.0f s)%n", n, (System.nanoTime() - start) / 1e9));
    NodeConfig config =
        NodeConfig.defaults().withDataDir(dir).withPort(0).withCoopId(ProofStore.COOP_ID);
    try (CoopNode started = CoopNode.start(config);
        NodeClient api = NodeClient.of(started.uri())) {
      out.printf(
          Locale.ROOT, "started a node on the %,d-entry ledger at %s%n", built, started.uri());
      ProofBench.Result proofs = proofs(api);
      AuditBench.Result audited = null;
      if (audit) {
        out.printf(Locale.ROOT, "coop audit of the %,d-entry ledger (own JVM) ...%n", built);
        audited = AuditBench.run(started.uri(), built, scratch, out);
      }
      return new BuiltLedger(proofs, audited);
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
