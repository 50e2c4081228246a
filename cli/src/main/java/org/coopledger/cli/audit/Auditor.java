package org.coopledger.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.client.NodeRejectedException;
import org.coopledger.api.v1.ConsistencyProofResponse;
import org.coopledger.cli.output.Progress;
import org.coopledger.cli.trust.AuditedNames;
import org.coopledger.cli.trust.TrustStore;
import org.coopledger.governance.checkpoint.Checkpoint;
import org.coopledger.governance.checkpoint.LedgerOrigin;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.governance.checkpoint.SignedNote;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.engine.Replay;
import org.coopledger.governance.error.VerificationException;
import org.coopledger.governance.merkle.ConsistencyProof;
import org.coopledger.governance.merkle.Hash;

/**
 * Re-checks everything a node claims, trusting nothing it serves except what verifies: the
 * checkpoint's signature against the pinned key, its consistency with the last checkpoint this
 * auditor saw, every entry's place in the tree, every entry's signatures and clauses (by replaying
 * the governance state machine from genesis), and the resulting state digest. The first check that
 * fails throws a {@link VerificationException} whose message names it.
 *
 * <p>Needs only the governance module and HTTP: an auditor never runs node code.
 */
public final class Auditor {
  /** Where an auditor reports what it is doing. */
  public interface Listener {
    void step(String line);

    Progress progress(String label, long total);
  }

  private static final int STATE_ATTEMPTS = 40;
  private static final long STATE_RETRY_MILLIS = 500;

  private final NodeClient node;
  private final TrustStore trust;
  private final Listener listener;
  private final int pageSize;
  private final List<String> witnesses;
  private Replay.Observer observer = (index, before, applied, record) -> {};

  public Auditor(NodeClient node, TrustStore trust, Listener listener, int pageSize) {
    this(node, trust, listener, pageSize, List.of());
  }

  /**
   * @param witnesses verifier keys (type 0x04) of witnesses whose cosignatures, where present on
   *     the checkpoint, must verify and be dated no earlier than the entries they cover
   */
  public Auditor(
      NodeClient node, TrustStore trust, Listener listener, int pageSize, List<String> witnesses) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be positive");
    }
    this.node = node;
    this.trust = trust;
    this.listener = listener;
    this.pageSize = pageSize;
    this.witnesses = List.copyOf(witnesses);
  }

  /** Has {@code observer} see every record of the audited replay as it takes effect. */
  public Auditor observing(Replay.Observer observer) {
    this.observer = observer;
    return this;
  }

  /** Runs every check, in order; returns the report if all hold. */
  public AuditReport audit() throws InterruptedException {
    return audit(false);
  }

  /**
   * Runs every check, in order, and with {@code mine} also checks every receipt kept in the journal
   * for this ledger; returns the report if all hold.
   */
  public AuditReport audit(boolean mine) throws InterruptedException {
    NodeInfo info = NodeInfo.of(node.getJson("/v1/node"));
    NoteVerifier verifier = NoteVerifier.parse(info.verifierKey());
    if (!verifier.name().equals(info.origin())) {
      throw originMismatch(
          "the node says it serves ledger "
              + info.origin()
              + " but its key is named "
              + verifier.name());
    }
    TrustStore.Pin pin;
    VerificationException keyChanged = null;
    try {
      pin = trust.pin(info.verifierKey());
      listener.step(
          pin == TrustStore.Pin.FIRST_USE
              ? "pinned the key of ledger " + info.origin() + " on first use: " + info.verifierKey()
              : "the node's key is the one pinned for ledger " + info.origin());
    } catch (VerificationException e) {
      if (!e.code().equals(TrustStore.NODE_KEY_CHANGED)) {
        throw e;
      }
      // Another node of the co-op's network signs with its own key: only the replayed ledger
      // can say whether this one is a node of the network. Until then nothing counts.
      keyChanged = e;
      pin = TrustStore.Pin.MATCHED;
      listener.step(
          "the node's key is not the one pinned for ledger "
              + info.origin()
              + "; it must be a node of the co-op's network, as the ledger names them");
    }

    Snapshot snapshot = matchingStateAndCheckpoint(verifier);
    Checkpoint checkpoint = snapshot.checkpoint();
    Hash root = Hash.of(checkpoint.rootHash());
    listener.step(
        "checkpoint signature verifies: size " + checkpoint.size() + ", root " + root.hex());

    Optional<Long> previousSize = checkAgainstLastSeen(checkpoint, verifier);

    try (LeafLog tree = new LeafLog()) {
      return audit(mine, info, verifier, pin, keyChanged, snapshot, tree, previousSize);
    }
  }

  private AuditReport audit(
      boolean mine,
      NodeInfo info,
      NoteVerifier verifier,
      TrustStore.Pin pin,
      VerificationException keyChanged,
      Snapshot snapshot,
      LeafLog tree,
      Optional<Long> previousSize) {
    String checkpointText = snapshot.checkpointText();
    Checkpoint checkpoint = snapshot.checkpoint();
    Hash root = Hash.of(checkpoint.rootHash());
    Replayed replay = downloadAndReplay(checkpoint.size(), tree, mine);
    checkRoot(replay.tree(), checkpoint, root);
    listener.step("recomputed tree root matches the checkpoint");
    if (replay.genesisRecord() == null) {
      throw originMismatch("the node's checkpoint covers no entries, so no genesis names it");
    }
    String derived = LedgerOrigin.ofGenesisRecord(replay.genesisRecord());
    if (!derived.equals(info.origin())) {
      throw originMismatch(
          "the ledger's own genesis entry derives origin "
              + derived
              + ", but the node names it, and signs its checkpoints as, "
              + info.origin());
    }
    listener.step("the ledger's identity is its genesis entry: " + derived);

    String ourDigest = replay.state().digestHex();
    if (!ourDigest.equals(snapshot.stateDigest())) {
      throw new VerificationException(
          "STATE_MISMATCH",
          "the node's governance state (digest "
              + snapshot.stateDigest()
              + ") is not what its"
              + " own ledger of "
              + checkpoint.size()
              + " entries produces (digest "
              + ourDigest
              + "): its read models (members, balances, proposals) cannot be trusted");
    }
    listener.step("state digest matches the replayed state: " + ourDigest);

    if (keyChanged != null && NetworkCheck.nodeWithKey(replay.state(), verifier).isEmpty()) {
      throw keyChanged;
    }
    Optional<NetworkCheck.Result> network =
        NetworkCheck.check(checkpointText, replay.state(), derived);
    List<String> timed = new ArrayList<>(witnesses);
    if (network.isPresent()) {
      NetworkCheck.Result r = network.get();
      listener.step(
          "signed by node "
              + r.signer()
              + " of the co-op's network; cosigned by "
              + r.cosigners().size()
              + " of its "
              + r.nodes()
              + " nodes ("
              + String.join(", ", r.cosigners())
              + "), the rulebook asks for "
              + r.required());
      timed.addAll(NetworkCheck.witnessKeys(replay.state()));
    }

    for (CheckpointTimes.Cosigned c :
        CheckpointTimes.checkCosignatures(
            checkpointText, verifier, timed, replay.state().lastAcceptedAt())) {
      listener.step(
          "witness "
              + c.witness()
              + " cosigned the checkpoint at "
              + java.time.Instant.ofEpochSecond(c.seconds())
              + ", not before the entries it covers");
    }

    ReceiptAudit.Summary receipts = null;
    if (mine) {
      receipts =
          new ReceiptAudit(trust.dir(), System.currentTimeMillis())
              .check(trust.receipts().of(derived), replay.entries());
      listener.step(receipts.describe());
    }

    trust.saveCheckpoint(info.origin(), checkpointText);
    trust.saveAuditedNames(AuditedNames.of(derived, checkpoint.size(), replay.state()));
    return new AuditReport(
        node.url(),
        info.origin(),
        info.verifierKey(),
        pin == TrustStore.Pin.FIRST_USE,
        checkpoint.size(),
        root.hex(),
        previousSize.orElse(null),
        replay.state().coopId(),
        ourDigest,
        receipts);
  }

  /** The ledger's names disagree: what the node says, what it signs, what its genesis derives. */
  public static final String ORIGIN_MISMATCH = "ORIGIN_MISMATCH";

  private static VerificationException originMismatch(String detail) {
    return new VerificationException(
        ORIGIN_MISMATCH,
        "the ledger's identity does not hold together: "
            + detail
            + ". A node that names one ledger and signs another could show you one history now"
            + " and another later.");
  }

  private Checkpoint verifyCheckpoint(String text, NoteVerifier verifier, String what) {
    try {
      return SignedCheckpoint.verify(text.getBytes(StandardCharsets.UTF_8), verifier).checkpoint();
    } catch (VerificationException e) {
      if (e.code().equals(SignedCheckpoint.ORIGIN_MISMATCH)) {
        throw originMismatch(what + " names another ledger than its key: " + e.getMessage());
      }
      throw new VerificationException(
          "CHECKPOINT_SIGNATURE",
          what + " does not verify with the pinned key " + verifier.vkey() + ": " + e.getMessage(),
          e);
    }
  }

  /** The size of the last checkpoint seen, if any, after proving the new one extends it. */
  private Optional<Long> checkAgainstLastSeen(Checkpoint checkpoint, NoteVerifier verifier) {
    Optional<String> lastText = trust.lastCheckpoint(checkpoint.origin());
    if (lastText.isEmpty()) {
      listener.step("no earlier checkpoint of this ledger seen here; this one is remembered");
      return Optional.empty();
    }
    // Verified when it was saved (perhaps with a key since rotated): only its body matters now.
    Checkpoint last = Checkpoint.parse(SignedNote.parse(lastText.get()).text());
    Hash lastRoot = Hash.of(last.rootHash());
    Hash root = Hash.of(checkpoint.rootHash());
    if (last.size() > checkpoint.size()) {
      throw new VerificationException(
          "HISTORY_ROLLED_BACK",
          "the node's checkpoint (size "
              + checkpoint.size()
              + ") is older than the checkpoint of"
              + " size "
              + last.size()
              + " it signed earlier: entries were dropped from its history");
    }
    if (last.size() == checkpoint.size()) {
      if (!lastRoot.equals(root)) {
        throw rewritten(last, checkpoint, "same size, different root");
      }
    } else if (last.size() > 0) {
      try {
        ConsistencyProofResponse proof = node.consistencyProof(last.size(), checkpoint.size());
        new ConsistencyProof(last.size(), checkpoint.size(), hashes(proof.hashes()))
            .verify(lastRoot, root);
      } catch (VerificationException e) {
        throw rewritten(last, checkpoint, e.getMessage());
      } catch (NodeRejectedException e) {
        // Between two sizes its own checkpoints cover, a proof always exists: refusing one is
        // as good as admitting there is none.
        throw rewritten(last, checkpoint, "the node would not prove it: " + e.getMessage());
      }
    }
    listener.step(
        "consistent with the checkpoint of size " + last.size() + " seen before (append-only)");
    return Optional.of(last.size());
  }

  private VerificationException rewritten(Checkpoint last, Checkpoint now, String detail) {
    return new VerificationException(
        "HISTORY_REWRITTEN",
        "the node's history was rewritten: its checkpoint of size "
            + now.size()
            + " is not an extension of the checkpoint of size "
            + last.size()
            + " it signed before ("
            + detail
            + "). Keep "
            + trust.dir()
            + " as evidence: two signed, inconsistent checkpoints prove the fork.");
  }

  private record Replayed(
      LeafLog tree,
      CoopState state,
      byte[] genesisRecord,
      List<ReceiptAudit.LedgerEntry> entries) {}

  /** Records whose signatures are verified ahead of the replay, on every core. */
  private static final int VERIFY_AHEAD = 4096;

  /**
   * Downloads the first {@code size} records, building the tree, and replays them (engine), in
   * memory that does not grow with the ledger: records stream through a window in which their
   * signatures are verified on every core ahead of the replay. With {@code keepEntries} (to check
   * receipts) a summary of every entry is kept.
   */
  private Replayed downloadAndReplay(long size, LeafLog tree, boolean keepEntries) {
    Progress progress = listener.progress("auditing entries", size);
    ServedRecords served = new ServedRecords(size, tree, progress, keepEntries);
    CoopState state;
    try (AheadChecks ahead =
        new AheadChecks(served, VERIFY_AHEAD, Runtime.getRuntime().availableProcessors())) {
      state = Replay.acceptedLedger(ahead, ahead, observer);
    }
    progress.finish();
    listener.step("replayed " + size + " entries: every signature and clause holds");
    return new Replayed(tree, state, served.next == 0 ? null : served.genesisRecord, served.kept);
  }

  /**
   * The node's records #0 to #size-1, fetched a page at a time as the replay asks for them; each is
   * checked to be in its place and appended to {@code tree}.
   */
  private final class ServedRecords implements Iterator<byte[]> {
    private final long size;
    private final LeafLog tree;
    private final Progress progress;
    private final boolean keepEntries;
    private final Deque<JsonNode> page = new ArrayDeque<>();
    private final List<ReceiptAudit.LedgerEntry> kept = new ArrayList<>();
    private byte[] genesisRecord;
    private long next;

    ServedRecords(long size, LeafLog tree, Progress progress, boolean keepEntries) {
      this.size = size;
      this.tree = tree;
      this.progress = progress;
      this.keepEntries = keepEntries;
    }

    @Override
    public boolean hasNext() {
      return next < size;
    }

    @Override
    public byte[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (page.isEmpty()) {
        int limit = (int) Math.min(pageSize, size - next);
        JsonNode served = node.getJson(NodeClient.entriesPath(next, limit));
        JsonNode entries = served.isArray() ? served : served.path("entries");
        if (entries.isEmpty()) {
          throw new VerificationException(
              "ENTRY_MISSING",
              "entry #"
                  + next
                  + " is missing: the node served no entries from there, but its"
                  + " checkpoint covers "
                  + size);
        }
        entries.forEach(page::add);
      }
      JsonNode served = page.poll();
      long index = served.path("index").asLong(-1);
      if (index != next) {
        throw new VerificationException(
            "ENTRY_MISSING",
            "entry #" + next + " is missing: the node served entry #" + index + " in its place");
      }
      byte[] leaf = base64(served, "leaf", next);
      tree.appendEntry(leaf);
      if (next == 0) {
        genesisRecord = leaf;
      }
      if (keepEntries) {
        kept.add(ReceiptAudit.LedgerEntry.of(leaf));
      }
      next++;
      progress.update(next);
      return leaf;
    }
  }

  /** Compares roots; on a mismatch finds the first entry the node's checkpoint disagrees with. */
  private void checkRoot(LeafLog tree, Checkpoint checkpoint, Hash root) {
    if (tree.root().equals(root)) {
      return;
    }
    long firstBad = firstDivergingEntry(tree, checkpoint.size(), root);
    throw new VerificationException(
        "ROOT_MISMATCH",
        "the entries the node served do not make up its signed checkpoint (size "
            + checkpoint.size()
            + "): "
            + (firstBad < 0
                ? "the recomputed root differs"
                : "entry #" + firstBad + " is not the one the checkpoint commits to"));
  }

  /**
   * The smallest k such that our first k+1 leaves are not a prefix of the checkpointed tree, found
   * by binary search over consistency proofs the node serves; -1 if the node will not say.
   */
  private long firstDivergingEntry(LeafLog tree, long size, Hash root) {
    long good = 0; // our first `good` leaves are known to be a prefix
    long bad = size; // our first `bad` leaves are known not to be
    try {
      while (bad - good > 1) {
        long mid = good + (bad - good) / 2;
        if (isPrefix(tree, mid, size, root)) {
          good = mid;
        } else {
          bad = mid;
        }
      }
      return bad - 1;
    } catch (NodeRejectedException e) {
      return -1;
    }
  }

  private boolean isPrefix(LeafLog tree, long prefix, long size, Hash root) {
    ConsistencyProofResponse proof = node.consistencyProof(prefix, size);
    try {
      new ConsistencyProof(prefix, size, hashes(proof.hashes())).verify(tree.root(prefix), root);
      return true;
    } catch (VerificationException e) {
      return false;
    }
  }

  /** The node's state digest and a verified checkpoint, both at the same tree size. */
  private record Snapshot(String checkpointText, Checkpoint checkpoint, String stateDigest) {}

  /**
   * The node's state digest is of its state now, its checkpoint of its tree a moment ago: ask for
   * both until they are at the same size (checkpoints follow new entries within about a second).
   */
  private Snapshot matchingStateAndCheckpoint(NoteVerifier verifier) throws InterruptedException {
    long stateSize = -1;
    long checkpointSize = -1;
    for (int attempt = 0; attempt < STATE_ATTEMPTS; attempt++) {
      if (attempt > 0) {
        Thread.sleep(STATE_RETRY_MILLIS);
      }
      JsonNode state = node.getJson("/v1/state");
      String text = node.checkpoint();
      Checkpoint checkpoint = verifyCheckpoint(text, verifier, "the node's checkpoint");
      stateSize = state.path("treeSize").asLong(-1);
      checkpointSize = checkpoint.size();
      if (stateSize == checkpointSize && state.path("stateDigest").isTextual()) {
        return new Snapshot(text, checkpoint, state.get("stateDigest").asText());
      }
    }
    throw new VerificationException(
        "STATE_UNAVAILABLE",
        "the node's state (size "
            + stateSize
            + ") and its latest checkpoint (size "
            + checkpointSize
            + ") did not line up within "
            + STATE_ATTEMPTS * STATE_RETRY_MILLIS / 1000
            + " s; audit again when the ledger is"
            + " quieter");
  }

  private static List<Hash> hashes(List<String> base64) {
    List<Hash> out = new ArrayList<>();
    for (String h : base64) {
      out.add(Hash.fromBase64(h));
    }
    return out;
  }

  private static byte[] base64(JsonNode entry, String field, long index) {
    try {
      return Base64.getDecoder().decode(entry.path(field).asText());
    } catch (IllegalArgumentException e) {
      throw new VerificationException(
          "ENTRY_MALFORMED", "entry #" + index + " has no valid base64 '" + field + "'");
    }
  }
}
