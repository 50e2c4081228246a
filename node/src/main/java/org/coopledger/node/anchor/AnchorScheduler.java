package org.coopledger.node.anchor;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.coopledger.contracts.anchor.AnchorClient;
import org.coopledger.contracts.anchor.AnchorException;
import org.coopledger.contracts.anchor.AnchorReceipt;
import org.coopledger.contracts.anchor.LedgerId;
import org.coopledger.contracts.chain.Bytes32;
import org.coopledger.contracts.chain.ChainException;
import org.coopledger.contracts.chain.EthAddress;
import org.coopledger.contracts.chain.EthKeyFile;
import org.coopledger.contracts.chain.EthRpc;

/**
 * Anchors the node's latest checkpoint every {@code interval} on its own thread. It only reads the
 * latest checkpoint (a volatile reference), so writes never wait for it. When the chain is down it
 * retries with exponential backoff (1 s doubling up to the interval); when the chain is back it
 * anchors the newest checkpoint, which covers everything made meanwhile. Refusals that retrying
 * cannot fix (the account is not an anchorer) are reported in {@link #status()} and the log, and
 * tried again each interval in case the admin fixes them.
 */
public final class AnchorScheduler implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AnchorScheduler.class.getName());
  private static final Duration MIN_BACKOFF = Duration.ofSeconds(1);

  /** A checkpoint to anchor. */
  public record Target(long treeSize, Bytes32 rootHash) {}

  /** What {@code GET /v1/anchors} shows. */
  public record Status(
      String contract,
      String ledgerId,
      String account,
      Optional<String> lastError,
      List<AnchorRecord> anchors) {}

  private final AnchorConfig config;
  private final EthRpc rpc;
  private final AnchorClient client;
  private final LedgerId ledgerId;
  private final Bytes32 name;
  private final Supplier<Target> checkpoints;
  private final AnchorLog log;
  private final Clock clock;
  private final Thread worker;
  private volatile String lastError;
  private volatile boolean closed;

  private AnchorScheduler(
      AnchorConfig config,
      String coopId,
      Supplier<Target> checkpoints,
      AnchorLog log,
      Clock clock) {
    this.config = config;
    this.checkpoints = checkpoints;
    this.log = log;
    this.clock = clock;
    this.name = LedgerId.nameOf(coopId);
    this.rpc =
        EthRpc.connect(
            config.rpc().orElseThrow(),
            Duration.ofSeconds(10),
            config.interval().compareTo(Duration.ofMinutes(2)) > 0
                ? config.interval()
                : Duration.ofMinutes(2));
    this.client =
        new AnchorClient(
            rpc, config.contract().orElseThrow(), EthKeyFile.read(config.keyFile().orElseThrow()));
    this.ledgerId = LedgerId.of(config.admin().orElse(client.account()), name);
    this.worker = Thread.ofPlatform().name("anchor-scheduler").daemon().unstarted(this::run);
  }

  /**
   * Reads the key file (failing at once if it is bad) and starts anchoring in the background.
   *
   * @param checkpoints the node's latest checkpoint, read once per round
   */
  public static AnchorScheduler start(
      AnchorConfig config, String coopId, Supplier<Target> checkpoints, AnchorLog log) {
    AnchorScheduler scheduler =
        new AnchorScheduler(config, coopId, checkpoints, log, Clock.systemUTC());
    scheduler.worker.start();
    LOG.info(
        "anchoring co-op "
            + coopId
            + " as ledger "
            + scheduler.ledgerId
            + " on "
            + config.rpc().orElseThrow()
            + " (contract "
            + scheduler.client.contract()
            + ", account "
            + scheduler.client.account()
            + ", every "
            + config.interval()
            + ")");
    return scheduler;
  }

  public Status status() {
    return new Status(
        client.contract().hex(),
        ledgerId.toString(),
        client.account().hex(),
        Optional.ofNullable(lastError),
        log.all().reversed());
  }

  private void run() {
    long anchored = log.latest().map(AnchorRecord::treeSize).orElse(0L);
    boolean ready = false;
    Duration backoff = MIN_BACKOFF;
    while (!closed) {
      Duration wait = config.interval();
      try {
        if (!ready) {
          prepareLedger();
          // The chain is the authority on what is anchored (our log may be behind it).
          anchored = Math.max(anchored, client.latest(ledgerId).map(a -> a.treeSize()).orElse(0L));
          ready = true;
        }
        Target target = checkpoints.get();
        if (target.treeSize() > anchored) {
          anchored = anchor(target);
        }
        lastError = null;
        backoff = MIN_BACKOFF;
      } catch (AnchorException e) {
        if (AnchorException.TREE_SIZE_NOT_GROWING.equals(e.code())) {
          ready = false; // Someone else anchored further (another node with this key): resync.
          wait = Duration.ZERO;
        } else {
          report(Level.SEVERE, e);
        }
      } catch (ChainException e) {
        report(Level.WARNING, e);
        if (e.retryable()) {
          wait = backoff;
          backoff = min(backoff.multipliedBy(2), config.interval());
        }
      } catch (RuntimeException e) {
        report(Level.SEVERE, e);
      }
      if (!sleep(wait)) {
        return;
      }
    }
  }

  /** Registers the co-op's ledger if this node is its admin and nobody registered it yet. */
  private void prepareLedger() {
    if (config.admin().isEmpty()) {
      if (client.adminOf(ledgerId).isEmpty()) {
        client.register(name);
        LOG.info("registered ledger " + ledgerId + " with admin " + client.account());
      }
      return;
    }
    if (!client.isAnchorer(ledgerId, client.account())) {
      throw new AnchorException(
          AnchorException.NOT_ANCHORER,
          "account "
              + client.account()
              + " may not anchor ledger "
              + ledgerId
              + "; the admin "
              + config.admin().get()
              + " must allow it with setAnchorer");
    }
  }

  private long anchor(Target target) {
    long start = System.nanoTime();
    AnchorReceipt receipt = client.anchor(ledgerId, target.treeSize(), target.rootHash());
    long millis = (System.nanoTime() - start) / 1_000_000;
    log.append(AnchorRecord.of(receipt, clock.instant()));
    LOG.info(
        "anchored tree size "
            + target.treeSize()
            + " in block "
            + receipt.anchor().blockNumber()
            + " (tx "
            + receipt.anchor().txHash()
            + ", gas "
            + receipt.gasUsed()
            + ", "
            + millis
            + " ms)");
    return target.treeSize();
  }

  private void report(Level level, RuntimeException e) {
    String message = e.getMessage();
    if (!message.equals(lastError)) {
      LOG.log(level, "anchoring failed: " + message);
    }
    lastError = message;
  }

  private boolean sleep(Duration wait) {
    try {
      Thread.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The account this node anchors from. */
  public EthAddress account() {
    return client.account();
  }

  public LedgerId ledgerId() {
    return ledgerId;
  }

  @Override
  public void close() {
    closed = true;
    worker.interrupt();
    try {
      worker.join(Duration.ofSeconds(15));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    rpc.close();
  }
}
