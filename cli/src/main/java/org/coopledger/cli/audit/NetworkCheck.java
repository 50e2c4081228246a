package org.coopledger.cli.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.SignatureType;
import org.coopledger.governance.checkpoint.SignedNote;
import org.coopledger.governance.engine.CoopState;
import org.coopledger.governance.error.VerificationException;

/**
 * Checks a checkpoint against the co-op's network as the auditor's own replay of the ledger names
 * it (never as a node describes itself): it must be signed by one of the network's nodes, and
 * cosigned by at least as many distinct nodes as the rulebook's witness policy asks for, every
 * cosignature by a node verifying. One operator alone can then no longer show a history that the
 * other nodes did not see.
 */
final class NetworkCheck {
  /** Fewer nodes cosigned than the witness policy asks for; the message names the missing ones. */
  static final String TOO_FEW_COSIGNATURES = "TOO_FEW_COSIGNATURES";

  /** A cosignature line by a node of the network does not verify (forged, or another body). */
  static final String BAD_COSIGNATURE = "BAD_COSIGNATURE";

  /** The checkpoint's signer is not a node of the network. */
  static final String NODE_NOT_IN_NETWORK = "NODE_NOT_IN_NETWORK";

  /** What the check found: the node that signed, the nodes that cosigned, how many were needed. */
  record Result(String signer, List<String> cosigners, int required, int nodes) {}

  private NetworkCheck() {}

  /** The node of the network whose key is {@code logKey}'s key, if any. */
  static Optional<NetworkNode> nodeWithKey(CoopState state, NoteVerifier logKey) {
    return state.nodes().values().stream()
        .filter(n -> n.key().equals(logKey.publicKey()))
        .findFirst();
  }

  /**
   * Checks {@code checkpointNote} (of ledger {@code origin}) against the network of {@code state};
   * empty for a co-op without a network.
   *
   * @throws VerificationException {@link #NODE_NOT_IN_NETWORK}, {@link #TOO_FEW_COSIGNATURES} or
   *     {@link #BAD_COSIGNATURE}
   */
  static Optional<Result> check(String checkpointNote, CoopState state, String origin) {
    if (state.nodes().isEmpty()) {
      return Optional.empty();
    }
    SignedNote note = SignedNote.parse(checkpointNote);
    List<NoteVerifier> logs = new ArrayList<>();
    List<NoteVerifier> witnesses = new ArrayList<>();
    for (NetworkNode n : state.nodes().values()) {
      logs.add(NoteVerifier.of(origin, SignatureType.ED25519, n.key()));
      witnesses.add(NoteVerifier.of(n.name(), SignatureType.COSIGNATURE_V1, n.key()));
    }
    NoteVerifier signedBy;
    try {
      signedBy = note.verifyQuorum(logs, 1).get(0);
    } catch (VerificationException e) {
      throw new VerificationException(
          NODE_NOT_IN_NETWORK,
          "the checkpoint is not signed by any node of the co-op's network ("
              + String.join(", ", state.nodes().keySet())
              + ", as the ledger's own entries name them): "
              + e.getMessage(),
          e);
    }
    int required = state.parsedRulebook().witnesses();
    List<NoteVerifier> cosigned;
    try {
      cosigned = note.verifyQuorum(witnesses, required);
    } catch (VerificationException e) {
      if (e.code().equals(SignedNote.TOO_FEW_SIGNATURES)) {
        List<String> missing = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (NoteVerifier w : witnesses) {
          boolean signed = note.signatures().stream().anyMatch(w::claims);
          (signed ? present : missing).add(w.name());
        }
        throw new VerificationException(
            TOO_FEW_COSIGNATURES,
            "the rulebook asks for "
                + required
                + " of the co-op's "
                + witnesses.size()
                + " nodes to cosign each checkpoint; "
                + (present.isEmpty() ? "none did" : "only " + String.join(", ", present) + " did")
                + "; missing: "
                + String.join(", ", missing)
                + ". A checkpoint that too few nodes saw may be a history shown to you alone.",
            e);
      }
      throw new VerificationException(
          BAD_COSIGNATURE,
          "a node's cosignature on the checkpoint does not verify: "
              + e.getMessage()
              + ". Someone put a line under a node's name that the node did not sign for this"
              + " checkpoint.",
          e);
    }
    String signer = nodeWithKey(state, signedBy).map(NetworkNode::name).orElseThrow();
    return Optional.of(
        new Result(
            signer,
            cosigned.stream().map(NoteVerifier::name).toList(),
            required,
            witnesses.size()));
  }

  /** The verifier key strings (type 0x04) of the network's nodes as witnesses. */
  static List<String> witnessKeys(CoopState state) {
    return state.nodes().values().stream()
        .map(n -> NoteVerifier.of(n.name(), SignatureType.COSIGNATURE_V1, n.key()).vkey())
        .toList();
  }
}
