package org.coopledger.cli.command;

import java.nio.file.Path;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.trust.TrustStore;
import picocli.CommandLine.Option;

/** {@code --trust-dir DIR}, else {@code COOP_TRUST_DIR}, else {@code ~/.coop/trust}. */
public final class TrustDirOption {
  @Option(
      names = "--trust-dir",
      paramLabel = "DIR",
      description =
          "pinned ledger keys, last seen checkpoints and your receipts"
              + " (default: $COOP_TRUST_DIR, else ~/.coop/trust)")
  Path dir;

  TrustStore store(CliContext context) {
    return TrustStore.at(dir != null ? dir : TrustStore.defaultDir(context.env(TrustStore.ENV)));
  }
}
