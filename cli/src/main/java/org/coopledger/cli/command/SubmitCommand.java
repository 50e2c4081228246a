package org.coopledger.cli.command;

import java.nio.file.Path;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.entry.SignedEntryFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coop submit FILE}: send a signed entry file to the node. */
@Command(name = "submit", description = "Submit a signed entry file to the node.")
public final class SubmitCommand implements Runnable {
  private final CliContext context;

  @Parameters(paramLabel = "FILE", description = "the signed entry file")
  Path file;

  @Mixin NodeOption node;
  @Mixin JsonOption json;
  @Mixin TrustDirOption trust;

  @Option(
      names = {"-q", "--quiet"},
      description = "print only the entry id")
  boolean quiet;

  SubmitCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    Publisher.submit(
        context,
        node.client(context),
        trust.store(context),
        SignedEntryFile.read(file),
        json.enabled(),
        quiet);
  }
}
