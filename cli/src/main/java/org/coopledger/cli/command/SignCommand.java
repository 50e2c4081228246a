package org.coopledger.cli.command;

import java.nio.file.Path;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.entry.EntryViews;
import org.coopledger.cli.entry.SignedEntryFile;
import org.coopledger.cli.keys.KeyFiles;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.EntrySigner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code coop sign FILE --key KEY}: add your signature to a drafted entry, offline. */
@Command(
    name = "sign",
    description = "Add your signature to an entry file (from genesis or --out), offline.")
public final class SignCommand implements Runnable {
  private final CliContext context;

  @Parameters(paramLabel = "FILE", description = "the entry file; rewritten in place")
  Path file;

  @Mixin KeyOption key;
  @Mixin JsonOption json;

  SignCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    byte[] before = SignedEntryFile.read(file);
    // Say what is being signed before signing it: the file came from someone else.
    context.err().println("signing: " + EntryViews.describe(EntryCodec.decode(before).entry()));
    KeyFiles.LoadedKey signer = key.load(context);
    byte[] after = EntrySigner.cosign(before, signer.key());
    SignedEntryFile.write(file, after);
    Publisher.reportDraft(context, after, file.toString(), json.enabled(), false);
  }
}
