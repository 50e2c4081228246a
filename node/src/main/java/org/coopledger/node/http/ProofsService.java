package org.coopledger.node.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import org.coopledger.api.error.ApiError;
import org.coopledger.api.v1.ConsistencyProofResponse;
import org.coopledger.api.v1.InclusionProofResponse;
import org.coopledger.governance.merkle.ConsistencyProof;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.InclusionProof;
import org.coopledger.governance.merkle.Proofs;
import org.coopledger.node.ledger.LedgerReader;

/**
 * {@code /v1/proofs}: RFC 9162 inclusion and consistency proofs, computed from O(log n) stored
 * subtree hashes. Hashes are base64.
 */
final class ProofsService implements HttpService {
  private final LedgerReader ledger;

  ProofsService(LedgerReader ledger) {
    this.ledger = ledger;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/inclusion", this::inclusion).get("/consistency", this::consistency);
  }

  private void inclusion(ServerRequest request, ServerResponse response) {
    long size = ledger.view().treeSize();
    long index = Params.requiredQuery(request, "index");
    long treeSize = Params.query(request, "treeSize", size);
    requireAtMost("treeSize", treeSize, size);
    if (index >= treeSize) {
      throw new ApiException(
          ApiError.BAD_PARAMETER, "index " + index + " is not in a tree of size " + treeSize);
    }
    InclusionProof proof = Proofs.inclusion(ledger.hashes(), index, treeSize);
    response.send(
        new InclusionProofResponse(
            index,
            treeSize,
            ledger.hashes().subtree(0, index).base64(),
            base64(proof.path()),
            ledger.root(treeSize).base64()));
  }

  private void consistency(ServerRequest request, ServerResponse response) {
    long size = ledger.view().treeSize();
    long from = Params.requiredQuery(request, "from");
    long to = Params.query(request, "to", size);
    requireAtMost("to", to, size);
    if (from > to) {
      throw new ApiException(
          ApiError.BAD_PARAMETER,
          "'from' (" + from + ") must not be larger than 'to' (" + to + ")");
    }
    ConsistencyProof proof = Proofs.consistency(ledger.hashes(), from, to);
    response.send(new ConsistencyProofResponse(from, to, base64(proof.path())));
  }

  private static void requireAtMost(String name, long value, long size) {
    if (value > size) {
      throw new ApiException(
          ApiError.BAD_PARAMETER,
          "'" + name + "' is " + value + " but the ledger holds only " + size);
    }
  }

  private static List<String> base64(List<Hash> hashes) {
    return hashes.stream().map(Hash::base64).toList();
  }
}
