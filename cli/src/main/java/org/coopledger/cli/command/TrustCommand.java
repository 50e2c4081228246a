package org.coopledger.cli.command;

import java.util.Optional;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.trust.TrustStore;
import org.coopledger.governance.checkpoint.NoteVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code coop trust accept-key VKEY}: accept a node key rotation you confirmed out of band. */
@Command(
    name = "trust",
    description = "Manage the keys pinned per ledger in the trust dir.",
    subcommands = {TrustCommand.AcceptKey.class})
public final class TrustCommand {
  /** {@code coop trust accept-key}. */
  @Command(
      name = "accept-key",
      description = {
        "Pin a new key for a ledger you know, after the co-op confirmed the rotation through",
        "another channel. Your last checkpoint and receipts are kept: the next audit still checks",
        "that the new key's history extends what you saw."
      })
  public static final class AcceptKey implements Runnable {
    private final CliContext context;

    @Parameters(paramLabel = "VERIFIER_KEY", description = "the new key: ORIGIN+HASH+KEY")
    String verifierKey;

    @Mixin TrustDirOption trust;

    AcceptKey(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      NoteVerifier parsed = NoteVerifier.parse(verifierKey);
      TrustStore store = trust.store(context);
      Optional<String> before = store.acceptRotation(verifierKey);
      context.out().println("ledger " + parsed.name() + " is now pinned to " + verifierKey);
      before.ifPresent(old -> context.out().println("replacing " + old));
    }
  }
}
