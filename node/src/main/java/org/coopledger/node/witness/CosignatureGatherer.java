package org.coopledger.node.witness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.checkpoint.Cosignature;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.SignatureType;
import org.coopledger.governance.checkpoint.SignedCheckpoint;
import org.coopledger.governance.checkpoint.SignedNote;
import org.coopledger.governance.error.VerificationException;
import org.coopledger.governance.merkle.Hash;

/**
 * Asks every node of the co-op's network (as the replayed state names them) to cosign a checkpoint
 * this node signed: itself directly, the others with the tlog-witness protocol over HTTP, all at
 * once, each within a timeout. Keeps, per witness, the size it last cosigned for this node, and
 * follows the protocol's 409 answer when it is wrong (after a restart of either side). A
 * cosignature is added only if it verifies with that node's key from the state; a witness that does
 * not answer in time is left out (the audit names it). Thread-safe.
 */
public final class CosignatureGatherer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CosignatureGatherer.class.getName());

  private final String self;
  private final Witness witness;
  private final Supplier<SortedMap<String, NetworkNode>> nodes;
  private final Function<String, Optional<URI>> urls;
  private final ProofSource proofs;
  private final Duration timeout;
  private final HttpClient http;
  private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Long> oldSizes = new ConcurrentHashMap<>();

  /** Consistency proofs of the node's own tree. */
  @FunctionalInterface
  public interface ProofSource {
    List<Hash> consistency(long size1, long size2);
  }

  /**
   * @param self this node's name in the network
   * @param witness this node's own witness
   * @param nodes the network's nodes from the replayed state
   * @param urls the REST base URL of a node by name (from the configured peers)
   * @param proofs consistency proofs of this node's tree
   * @param timeout how long to wait for all witnesses
   */
  public CosignatureGatherer(
      String self,
      Witness witness,
      Supplier<SortedMap<String, NetworkNode>> nodes,
      Function<String, Optional<URI>> urls,
      ProofSource proofs,
      Duration timeout) {
    this.self = self;
    this.witness = witness;
    this.nodes = nodes;
    this.urls = urls;
    this.proofs = proofs;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** {@code signed} with every cosignature the network's nodes gave within the timeout. */
  public SignedCheckpoint gather(SignedCheckpoint signed) {
    SortedMap<String, NetworkNode> network = nodes.get();
    if (network.isEmpty()) {
      return signed;
    }
    List<Future<Optional<Cosignature>>> asked = new ArrayList<>();
    for (NetworkNode node : network.values()) {
      asked.add(pool.submit(() -> ask(node, signed)));
    }
    long deadline = System.nanoTime() + timeout.toNanos() + 500_000_000L;
    SignedCheckpoint out = signed;
    for (Future<Optional<Cosignature>> f : asked) {
      try {
        Optional<Cosignature> c =
            f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (c.isPresent()) {
          out = out.withCosignature(c.get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return out;
      } catch (Exception e) {
        f.cancel(true);
        LOG.log(Level.FINE, "a witness did not answer in time", e);
      }
    }
    return out;
  }

  private Optional<Cosignature> ask(NetworkNode node, SignedCheckpoint signed) {
    NoteVerifier expected = NoteVerifier.of(node.name(), SignatureType.COSIGNATURE_V1, node.key());
    try {
      for (int attempt = 0; attempt < 2; attempt++) {
        long old = oldSizes.getOrDefault(node.name(), 0L);
        long size = signed.checkpoint().size();
        if (old > size) {
          old = 0; // it cosigned a larger checkpoint of ours; this one it will refuse (409)
        }
        List<Hash> proof = old > 0 && old < size ? proofs.consistency(old, size) : List.of();
        AddCheckpointRequest request = new AddCheckpointRequest(old, proof, signed.bytes());
        String lines;
        if (node.name().equals(self)) {
          try {
            lines = witness.addCheckpoint(request);
          } catch (WitnessException e) {
            if (e.status() == 409 && e.latestSize() >= 0 && attempt == 0) {
              oldSizes.put(node.name(), e.latestSize());
              continue;
            }
            LOG.warning("this node would not cosign its own checkpoint: " + e.getMessage());
            return Optional.empty();
          }
        } else {
          Optional<URI> url = urls.apply(node.name());
          if (url.isEmpty()) {
            LOG.fine("no REST URL configured for node " + node.name() + "; not asked to cosign");
            return Optional.empty();
          }
          HttpResponse<String> response =
              http.send(
                  HttpRequest.newBuilder(url.get().resolve("/add-checkpoint"))
                      .timeout(timeout)
                      .header("Content-Type", "text/plain; charset=utf-8")
                      .POST(HttpRequest.BodyPublishers.ofByteArray(request.encode()))
                      .build(),
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
          if (response.statusCode() == 409 && attempt == 0) {
            String body = response.body().strip();
            if (body.matches("[0-9]{1,19}")) {
              oldSizes.put(node.name(), Long.parseLong(body));
              continue;
            }
          }
          if (response.statusCode() != 200) {
            LOG.info(
                "node "
                    + node.name()
                    + " did not cosign the checkpoint of size "
                    + size
                    + ": "
                    + response.statusCode()
                    + " "
                    + response.body().strip());
            return Optional.empty();
          }
          lines = response.body();
        }
        // As the protocol suggests: append the lines to the note and verify with the key we trust.
        SignedNote withLines = SignedNote.parse(signed.note().encode() + lines);
        Cosignature c = new SignedCheckpoint(signed.checkpoint(), withLines).cosignature(expected);
        oldSizes.put(node.name(), size);
        return Optional.of(c);
      }
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (VerificationException e) {
      LOG.warning("node " + node.name() + " answered with no valid cosignature: " + e.getMessage());
      return Optional.empty();
    } catch (Exception e) {
      LOG.log(Level.FINE, "asking node " + node.name() + " to cosign failed", e);
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
