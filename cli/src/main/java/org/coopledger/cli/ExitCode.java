package org.coopledger.cli;

/**
 * The exit codes of {@code coop}. Scripts branch on them, so they are part of the product: a
 * number's meaning never changes.
 */
public final class ExitCode {
  /** Everything the command was asked to do happened, and every check held. */
  public static final int OK = 0;

  /** A local problem: a missing or unreadable file, a wrong passphrase, a bad value. */
  public static final int FAILED = 1;

  /** The command line itself was wrong (unknown option, missing parameter). Picocli's code. */
  public static final int USAGE = 2;

  /** The node refused the entry or request: the co-op's rules, or a malformed request. */
  public static final int REJECTED = 3;

  /** The node could not be reached, or answered with something that is not the API. */
  public static final int UNREACHABLE = 4;

  /** A signature, proof, checkpoint or replayed state did not verify. */
  public static final int VERIFICATION_FAILED = 5;

  private ExitCode() {}
}
