package org.coopledger.cli.command;

import java.nio.file.Path;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.keys.KeyFiles;
import org.coopledger.cli.keys.Passphrases;
import picocli.CommandLine.Option;

/** {@code --key FILE}, else {@code COOP_KEY}: the member key that signs. */
public final class KeyOption {
  public static final String ENV = "COOP_KEY";

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description = "your key file, which signs the entry (default: $COOP_KEY)")
  Path key;

  /** The key file this command signs with. */
  public Path file(CliContext context) {
    if (key != null) {
      return key;
    }
    return context
        .env(ENV)
        .map(Path::of)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "say which key signs: --key FILE, or set " + ENV + "=FILE"));
  }

  /** Loads the key, asking for its passphrase if it is encrypted. */
  public KeyFiles.LoadedKey load(CliContext context) {
    return KeyFiles.load(file(context), new Passphrases(context));
  }
}
