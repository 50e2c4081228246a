package org.coopledger.node.witness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.checkpoint.Cosigner;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.SignatureType;
import org.coopledger.governance.checkpoint.SignedNote;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.governance.error.VerificationException;
import org.coopledger.governance.merkle.ConsistencyProof;
import org.coopledger.governance.merkle.Hash;

/**
 * The node as a witness of its co-op's ledger (C2SP tlog-witness {@code add-checkpoint}, answered
 * with a tlog-cosignature/v1 line). Before it cosigns a checkpoint it checks that:
 *
 * <ol>
 *   <li>its origin is this node's ledger (404 {@code UNKNOWN_ORIGIN});
 *   <li>a node of the co-op's network, as the replayed state names them, signed it (403 {@code
 *       UNTRUSTED_LOG_KEY}): nothing a request says about keys counts;
 *   <li>the old size is the size it last cosigned for that log key (409, the protocol's conflict
 *       answer) and the consistency proof from there verifies (422 {@code INCONSISTENT_PROOF});
 *   <li>its own replicated tree has reached that size (else 503 {@code WITNESS_BEHIND}: ask again)
 *       and has the checkpoint's root there (422 {@code NOT_MY_TREE}: a fork);
 *   <li>its own tree still extends the largest checkpoint it ever cosigned, for any log key (422
 *       {@code INCONSISTENT_WITH_COSIGNED}): it never cosigns two inconsistent checkpoints, even if
 *       its store were replaced underneath it.
 * </ol>
 *
 * <p>What it cosigned is written to disk (fsynced) before the cosignature is returned. Checks and
 * that write happen under one lock, so two requests cannot roll its record back; waiting for its
 * own tree to reach a checkpoint's size happens outside it. Thread-safe.
 */
public final class Witness {
  private static final Logger LOG = Logger.getLogger(Witness.class.getName());
  private static final String LAST = "last";

  /** The tree the witness compares checkpoints with: the node's own replicated ledger. */
  public interface Tree {
    long size();

    /** The root of the first {@code size} leaves, {@code size} at most {@link #size()}. */
    Hash root(long size);
  }

  private record Seen(long size, Hash root) {}

  private final Cosigner cosigner;
  private final SigningKey key;
  private final Tree tree;
  private final Supplier<Optional<String>> origin;
  private final Supplier<SortedMap<String, NetworkNode>> nodes;
  private final Path file;
  private final Clock clock;
  private final Duration catchUp;
  private final Map<String, Seen> perLog = new TreeMap<>();
  private Seen last;

  /**
   * @param name the node's name in the network (its peer id), its name as a witness
   * @param key the node key, which also signs its checkpoints
   * @param tree the node's own replicated tree
   * @param origin the ledger's origin, once founded
   * @param nodes the network's nodes, as the node's replayed state names them
   * @param dataDir where it keeps what it cosigned ({@code witness/cosigned})
   * @param catchUp how long to wait for its own tree to reach a checkpoint's size
   */
  public Witness(
      String name,
      SigningKey key,
      Tree tree,
      Supplier<Optional<String>> origin,
      Supplier<SortedMap<String, NetworkNode>> nodes,
      Path dataDir,
      Clock clock,
      Duration catchUp) {
    this.cosigner = Cosigner.of(name, key);
    this.key = key;
    this.tree = tree;
    this.origin = origin;
    this.nodes = nodes;
    this.file = dataDir.resolve("witness").resolve("cosigned");
    this.clock = clock;
    this.catchUp = catchUp;
    load();
  }

  /** The witness's name and key as auditors know them (type 0x04). */
  public NoteVerifier verifier() {
    return cosigner.verifier();
  }

  /**
   * Checks and cosigns the checkpoint in {@code request}.
   *
   * @return the cosignature line(s), each ending in a newline
   * @throws WitnessException if it will not cosign (see the class comment)
   */
  public String addCheckpoint(AddCheckpointRequest request) {
    String ledger =
        origin
            .get()
            .orElseThrow(
                () ->
                    new WitnessException(
                        404, "UNKNOWN_ORIGIN", "this node's ledger has no genesis yet"));
    SignedNote note;
    Checkpoint checkpoint;
    try {
      note = SignedNote.parse(request.note());
      checkpoint = Checkpoint.parse(note.text());
    } catch (VerificationException e) {
      throw new WitnessException(400, "MALFORMED_CHECKPOINT", e.getMessage());
    }
    if (!checkpoint.origin().equals(ledger)) {
      throw new WitnessException(
          404,
          "UNKNOWN_ORIGIN",
          "this node witnesses ledger " + ledger + " only, not " + checkpoint.origin());
    }
    String logKey = signer(note, ledger);
    Hash root = Hash.of(checkpoint.rootHash());
    long size = checkpoint.size();
    if (request.oldSize() > size) {
      throw new WitnessException(
          400,
          "BAD_OLD_SIZE",
          "the old size " + request.oldSize() + " exceeds the checkpoint's " + size);
    }
    // The history checks answer at once; the wait for this node's own tree happens outside the
    // lock, so a witness that lags does not make every other request queue behind its wait.
    synchronized (this) {
      checkHistory(logKey, size, root, request);
    }
    awaitTree(size);
    synchronized (this) {
      checkHistory(logKey, size, root, request);
      checkTreeAndRecord(logKey, size, root);
    }
    return cosigner.cosign(checkpoint, clock.instant().getEpochSecond()).toNoteSignature().line();
  }

  /** The protocol's old-size and consistency checks against what it cosigned for {@code logKey}. */
  private void checkHistory(String logKey, long size, Hash root, AddCheckpointRequest request) {
    Seen latest = perLog.getOrDefault(logKey, new Seen(0, null));
    if (request.oldSize() != latest.size()) {
      throw new WitnessException(
          409,
          "OLD_SIZE_MISMATCH",
          "the latest checkpoint cosigned for this log has size " + latest.size(),
          latest.size());
    }
    if (latest.size() == size) {
      if (!latest.root().equals(root)) {
        throw new WitnessException(
            409,
            "ROOT_MISMATCH",
            "a checkpoint of size " + size + " with another root was cosigned",
            size);
      }
    } else if (latest.size() > 0) {
      try {
        new ConsistencyProof(latest.size(), size, request.proof()).verify(latest.root(), root);
      } catch (VerificationException | IllegalArgumentException e) {
        throw new WitnessException(
            422,
            "INCONSISTENT_PROOF",
            "the consistency proof from size "
                + latest.size()
                + " does not verify: "
                + e.getMessage());
      }
    }
  }

  /** Compares with its own tree, then records (fsynced) what it is about to cosign. */
  private void checkTreeAndRecord(String logKey, long size, Hash root) {
    Hash mine = tree.root(size);
    if (!mine.equals(root)) {
      LOG.severe(
          "refused to cosign a checkpoint of size "
              + size
              + " with root "
              + root.base64()
              + ": this node's replicated tree has root "
              + mine.base64()
              + " there (a fork, signed by "
              + logKey
              + ")");
      throw new WitnessException(
          422,
          "NOT_MY_TREE",
          "this node's replicated tree of size " + size + " has another root: " + mine.base64());
    }
    if (last != null
        && (tree.size() < last.size() || !tree.root(last.size()).equals(last.root()))) {
      throw new WitnessException(
          422,
          "INCONSISTENT_WITH_COSIGNED",
          "this node cosigned a checkpoint of size "
              + last.size()
              + " that its tree no longer extends; it cosigns nothing inconsistent with it");
    }
    Seen now = new Seen(size, root);
    perLog.put(logKey, now);
    if (last == null || size > last.size()) {
      last = now;
    }
    save();
  }

  /** The verifier key string of the network node that signed {@code note}. */
  private String signer(SignedNote note, String ledger) {
    List<NoteVerifier> logs = new ArrayList<>();
    for (NetworkNode n : nodes.get().values()) {
      logs.add(NoteVerifier.of(ledger, SignatureType.ED25519, n.key()));
    }
    if (logs.isEmpty()) {
      throw new WitnessException(
          403,
          "UNTRUSTED_LOG_KEY",
          "this co-op names no nodes, so no node's key is trusted to sign");
    }
    try {
      return note.verifyQuorum(logs, 1).get(0).vkey();
    } catch (VerificationException e) {
      throw new WitnessException(
          403,
          "UNTRUSTED_LOG_KEY",
          "no node of the co-op's network signed this checkpoint validly: " + e.getMessage());
    }
  }

  private void awaitTree(long size) {
    long deadline = System.nanoTime() + catchUp.toNanos();
    while (tree.size() < size) {
      if (System.nanoTime() > deadline) {
        throw new WitnessException(
            503,
            "WITNESS_BEHIND",
            "this node's tree has " + tree.size() + " entries, fewer than " + size + "; ask again");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WitnessException(503, "WITNESS_BEHIND", "interrupted while catching up");
      }
    }
  }

  private void load() {
    if (!Files.exists(file)) {
      return;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] parts = line.split(" ");
        if (parts.length != 3) {
          continue;
        }
        Seen seen = new Seen(Long.parseLong(parts[1]), Hash.fromBase64(parts[2]));
        if (parts[0].equals(LAST)) {
          last = seen;
        } else {
          perLog.put(parts[0], seen);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read what this witness cosigned from " + file, e);
    }
  }

  private void save() {
    StringBuilder out = new StringBuilder();
    if (last != null) {
      out.append(LAST)
          .append(' ')
          .append(last.size())
          .append(' ')
          .append(last.root().base64())
          .append('\n');
    }
    perLog.forEach(
        (log, seen) ->
            out.append(log)
                .append(' ')
                .append(seen.size())
                .append(' ')
                .append(seen.root().base64())
                .append('\n'));
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling("cosigned.tmp");
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(java.nio.ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record what this witness cosigned in " + file, e);
    }
  }

  @Override
  public String toString() {
    return "Witness[" + cosigner.name() + ", " + key.publicKey().id() + "]";
  }
}
