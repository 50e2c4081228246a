package org.coopledger.cli.command;

import java.nio.file.Path;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.keys.KeyFiles;
import org.coopledger.cli.keys.Passphrases;
import org.coopledger.governance.action.RotateKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code coop rotate-key --new KEY}: replace your key; the old one stops working at once. */
@Command(
    name = "rotate-key",
    description = {
      "Replace your key (--key) by a new one (--new, made with `coop key new`).",
      "Both sign: the old key authorises, the new key proves you hold it."
    })
public final class RotateKeyCommand implements Runnable {
  private final CliContext context;
  @Mixin EntryOptions entry;

  @Option(names = "--new", required = true, paramLabel = "FILE", description = "the new key file")
  Path newKey;

  RotateKeyCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    KeyFiles.LoadedKey next = KeyFiles.load(newKey, new Passphrases(context));
    new Publisher(context, entry).publish(new RotateKey(next.key().publicKey()), next.key());
    if (!entry.json.enabled() && !entry.quiet) {
      context.out().println("from now on sign with " + newKey + "; the old key is dead");
    }
  }
}
