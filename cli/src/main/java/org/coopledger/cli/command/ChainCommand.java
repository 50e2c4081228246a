package org.coopledger.cli.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.output.Json;
import org.coopledger.contracts.chain.EthKeyFile;
import org.coopledger.contracts.devchain.DevChain;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.governance.error.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code coop chain dev}: a local Ethereum chain with CheckpointAnchor, for trying anchoring. */
@Command(
    name = "chain",
    description = "Local Ethereum chains for anchoring checkpoints.",
    subcommands = {ChainCommand.Dev.class})
public final class ChainCommand {
  /** The dev account whose key is handed out: account 0 only deploys the contract. */
  static final int HANDED_OUT_ACCOUNT = 1;

  /** What {@code chain dev} prints once the chain is up. */
  record DevChainView(
      String rpcUrl, long chainId, String contract, String account, String keyFile, String log) {}

  @Command(
      name = "dev",
      description = {
        "Start Ganache on 127.0.0.1 (chain id 1337, hardfork shanghai, fixed funded accounts),",
        "deploy CheckpointAnchor, write a funded account's key file, print where everything is,",
        "and run until stopped (Ctrl-C). Every start is a fresh, empty chain.",
        "Ganache comes from --ganache, $COOP_GANACHE, or contracts/node_modules in a checkout."
      })
  static final class Dev implements Runnable {
    private final CliContext context;

    @Option(
        names = "--port",
        paramLabel = "N",
        description = "port on 127.0.0.1 (default: a free one)")
    int port;

    @Option(
        names = "--key-out",
        paramLabel = "FILE",
        description = "where to write the funded account's key (default: a temp directory)")
    Path keyOut;

    @Option(names = "--ganache", paramLabel = "FILE", description = "the ganache executable")
    Path ganache;

    @Mixin JsonOption json;

    Dev(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("--port must be between 1 and 65535, or 0 for any");
      }
      Path executable =
          ganache != null
              ? ganache
              : context.env("COOP_GANACHE").map(Path::of).orElseGet(DevChain::findGanache);
      DevChain chain = DevChain.start(executable, port);
      boolean interrupted = false;
      try {
        Path keyFile = keyOut != null ? keyOut : defaultKeyFile(chain.port());
        EthKeyFile.write(keyFile, DevChain.account(HANDED_OUT_ACCOUNT));
        DevChainView view =
            new DevChainView(
                chain.rpcUrl().toString(),
                DevChain.CHAIN_ID,
                chain.contract().hex(),
                DevChain.account(HANDED_OUT_ACCOUNT).getAddress(),
                keyFile.toString(),
                chain.logFile().toString());
        print(view);
        int exit = chain.awaitExit();
        if (!chain.stopRequested()) {
          throw new CoopException(
              ErrorCode.of("DEV_CHAIN_EXITED", ErrorCategory.NODE_FAULT),
              "ganache exited with " + exit + "; see " + view.log());
        }
        // Otherwise Ctrl-C: the JVM's shutdown already stopped ganache.
      } catch (InterruptedException e) {
        interrupted = true; // Stopped by the caller (tests, an embedding program).
      } finally {
        chain.close();
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private void print(DevChainView view) {
      if (json.enabled()) {
        Json.print(context.out(), view);
      } else {
        context.out().println("rpc url:   " + view.rpcUrl());
        context.out().println("chain id:  " + view.chainId());
        context.out().println("contract:  " + view.contract() + " (CheckpointAnchor)");
        context.out().println("account:   " + view.account() + " (1000 ether)");
        context.out().println("key file:  " + view.keyFile());
        context.out().println("ganache:   log in " + view.log());
        context.out().flush();
      }
      context.err().println("coop: dev chain running; Ctrl-C stops it (nothing is kept)");
      context.err().flush();
    }

    private static Path defaultKeyFile(int port) {
      try {
        Path dir = Files.createTempDirectory("coopledger-devchain-" + port + "-");
        return dir.resolve("anchor.key");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a directory for the dev key file", e);
      }
    }
  }
}
