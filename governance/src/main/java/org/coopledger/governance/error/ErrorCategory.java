package org.coopledger.governance.error;

/**
 * What kind of failure an error code is, and so what a caller should do about it. The node's HTTP
 * status follows from the category alone (one exhaustive switch in its error mapping), never from
 * how a code is spelled.
 */
public enum ErrorCategory {
  /** The request itself is wrong (malformed body, bad parameter): fix it; HTTP 400. */
  CLIENT_MISTAKE,
  /** What the request names does not exist (yet): HTTP 404. */
  NOT_FOUND,
  /** The body is larger than the node accepts: send less; HTTP 413. */
  TOO_LARGE,
  /** The body is in a media type the node does not read: HTTP 415. */
  UNSUPPORTED_MEDIA_TYPE,
  /** Well-formed and signed, but the co-op's rules refuse it: HTTP 422. */
  RULES_NOT_MET,
  /** It conflicts with what the ledger already holds (a replay): HTTP 409. */
  CONFLICT,
  /** The node cannot serve it now (busy, no leader, store failure): retry later; HTTP 503. */
  NODE_FAULT
}
