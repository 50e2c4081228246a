package org.coopledger.testnet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.coopledger.api.client.NodeClient;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.ProofVerifier;
import org.coopledger.testnet.load.Latencies;

/**
 * The latency of {@code GET /v1/proofs/inclusion} and {@code /v1/proofs/consistency} at a node's
 * current tree size: one request at a time (latency, not throughput), random leaves and random
 * older sizes, after a warm-up. Every inclusion proof and every tenth consistency proof is checked
 * with the governance verifier (outside the timed part), so a fast wrong answer cannot pass.
 */
final class ProofBench {
  /** Latencies of both kinds of proof at {@code treeSize}. */
  record Result(long treeSize, Latencies inclusion, Latencies consistency) {
    /** The worse of the two p99s. */
    double p99Millis() {
      return Math.max(inclusion.percentileMillis(99), consistency.percentileMillis(99));
    }
  }

  private final NodeClient api;

  ProofBench(NodeClient api) {
    this.api = api;
  }

  Result run(int samples, int warmup, IntConsumer progress) {
    long size = api.getJson("/v1/node").get("treeSize").asLong();
    if (size < 2) {
      throw new IllegalStateException("proofs need a ledger of 2 or more entries; it has " + size);
    }
    SplittableRandom random = new SplittableRandom(20261123L);
    for (int i = 0; i < warmup; i++) {
      inclusion(size, random.nextLong(size));
      consistency(random.nextLong(1, size), size);
    }
    long[] inclusion = new long[samples];
    long[] consistency = new long[samples];
    for (int i = 0; i < samples; i++) {
      long index = random.nextLong(size);
      long start = System.nanoTime();
      JsonNode proof = inclusion(size, index);
      inclusion[i] = System.nanoTime() - start;
      ProofVerifier.verifyInclusion(
          index,
          size,
          Hash.fromBase64(proof.get("leafHash").asText()),
          hashes(proof.get("hashes")),
          Hash.fromBase64(proof.get("rootHash").asText()));

      long from = random.nextLong(1, size);
      start = System.nanoTime();
      JsonNode path = consistency(from, size);
      consistency[i] = System.nanoTime() - start;
      if (i % 10 == 0) {
        ProofVerifier.verifyConsistency(
            from, size, root(from), Hash.fromBase64(proof.get("rootHash").asText()), hashes(path));
      }
      if ((i + 1) % 100 == 0) {
        progress.accept(i + 1);
      }
    }
    return new Result(size, Latencies.of(inclusion), Latencies.of(consistency));
  }

  private JsonNode inclusion(long size, long index) {
    return api.getJson("/v1/proofs/inclusion?index=" + index + "&treeSize=" + size);
  }

  private JsonNode consistency(long from, long to) {
    return api.getJson("/v1/proofs/consistency?from=" + from + "&to=" + to).get("hashes");
  }

  private Hash root(long size) {
    return Hash.fromBase64(
        api.getJson("/v1/proofs/inclusion?index=0&treeSize=" + size).get("rootHash").asText());
  }

  private static List<Hash> hashes(JsonNode array) {
    List<Hash> out = new ArrayList<>(array.size());
    array.forEach(h -> out.add(Hash.fromBase64(h.asText())));
    return out;
  }
}
