package org.coopledger.api.client;

import java.util.Map;

/**
 * Turns the node's error codes into sentences a member can act on. Codes the table does not know
 * (newer nodes) still get a lead chosen by HTTP status; the node's own message always follows.
 */
final class ErrorMessages {
  private static final Map<String, String> LEADS =
      Map.ofEntries(
          Map.entry("CLAUSE_NOT_MET", "the co-op's rules are not met yet"),
          Map.entry("NOT_ALLOWED", "the co-op's rules do not allow this"),
          Map.entry("NOT_ELIGIBLE", "you are not eligible for this"),
          Map.entry("NO_VETO_RIGHT", "you have no right to veto this"),
          Map.entry("BAD_SIGNATURE", "a signature does not verify (wrong key file?)"),
          Map.entry("MISSING_SIGNATURE", "a required signature is missing (see `coop sign`)"),
          Map.entry("KEY_ROTATED", "this key was replaced by a newer one; sign with the new key"),
          Map.entry("NOT_A_MEMBER", "the signing key is not a member of this co-op"),
          Map.entry("WRONG_COOP", "the entry is for another co-op than this node serves"),
          Map.entry(
              "REPLAYED_NONCE", "the entry was already used (replayed nonce); make a new one"),
          Map.entry("EXPIRED", "the entry expired before it reached the ledger; make a new one"),
          Map.entry("SPLIT_NOT_10000", "the shares must add up to exactly 10000 basis points"),
          Map.entry("INSUFFICIENT_BALANCE", "the balance is too small for this payout"),
          Map.entry("VOTING_CLOSED", "voting on this proposal has closed"),
          Map.entry("UNKNOWN_PROPOSAL", "there is no such proposal"),
          Map.entry("UNKNOWN_MEMBER", "there is no such member"),
          Map.entry("PROPOSAL_CLOSED", "the proposal is closed"),
          Map.entry("ALREADY_EXECUTED", "the proposal was already executed"),
          Map.entry("ALREADY_APPROVED", "you already approved this proposal"),
          Map.entry("NOT_APPROVED", "you have not approved this proposal"),
          Map.entry("ALREADY_VETOED", "you already vetoed this proposal"),
          Map.entry("NOT_FOUNDED", "the co-op has no genesis yet (see `coop genesis`)"),
          Map.entry("ALREADY_FOUNDED", "the co-op is already founded"),
          Map.entry("BAD_CLAUSE", "the rulebook text does not parse"),
          Map.entry("WITNESS_POLICY", "the witness policy could not be met by the co-op's nodes"));

  private ErrorMessages() {}

  static String rejection(int status, String code, String nodeMessage) {
    String detail = nodeMessage == null || nodeMessage.isBlank() ? "" : ": " + nodeMessage;
    return LEADS.getOrDefault(code, byStatus(status)) + detail + " [" + code + "]";
  }

  private static String byStatus(int status) {
    return switch (status) {
      case 400, 413, 415 -> "the node could not accept the request as sent";
      case 404 -> "the node does not know what this refers to";
      case 409 -> "the request conflicts with the ledger (a replay or duplicate)";
      case 422 -> "the co-op's rules refuse this";
      default -> "the node rejected the request (HTTP " + status + ")";
    };
  }
}
