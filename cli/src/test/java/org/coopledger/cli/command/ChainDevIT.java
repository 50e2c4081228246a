package org.coopledger.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.Coop;
import org.coopledger.cli.Terminal;
import org.coopledger.contracts.anchor.AnchorClient;
import org.coopledger.contracts.anchor.LedgerId;
import org.coopledger.contracts.chain.ChainException;
import org.coopledger.contracts.chain.EthAddress;
import org.coopledger.contracts.chain.EthKeyFile;
import org.coopledger.contracts.chain.EthRpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coop chain dev} starts a real Ganache that anchoring works against, until stopped. */
class ChainDevIT {
  @TempDir Path dir;

  @Test
  void chainDevPrintsAWorkingChainContractAndKeyAndStopsWhenInterrupted() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path keyFile = dir.resolve("anchor.key");
    CliContext context =
        new CliContext(Map.of(), new PrintWriter(out), new PrintWriter(err), Terminal.none());
    AtomicInteger exit = new AtomicInteger(-1);
    Thread command =
        new Thread(
            () ->
                exit.set(
                    Coop.run(context, "chain", "dev", "--json", "--key-out", keyFile.toString())));
    command.start();

    JsonNode view = awaitJson(out, command);
    URI rpcUrl = URI.create(view.get("rpcUrl").asText());
    assertThat(rpcUrl.getHost()).isEqualTo("127.0.0.1");
    assertThat(view.get("chainId").asLong()).isEqualTo(1337);
    assertThat(view.get("keyFile").asText()).isEqualTo(keyFile.toString());

    try (EthRpc rpc = EthRpc.connect(rpcUrl)) {
      // The printed key is funded and the printed contract is CheckpointAnchor.
      AnchorClient client =
          new AnchorClient(
              rpc, EthAddress.parse(view.get("contract").asText()), EthKeyFile.read(keyFile));
      assertThat(client.account().hex()).isEqualTo(view.get("account").asText().toLowerCase());
      LedgerId ledger = client.register(LedgerId.nameOf("cli dev chain"));
      client.anchor(ledger, 1, LedgerId.nameOf("root"));
      assertThat(client.latest(ledger)).isPresent();

      command.interrupt();
      command.join(Duration.ofSeconds(30));

      assertThat(command.isAlive()).isFalse();
      assertThat(exit.get()).isZero();
      assertThatThrownBy(rpc::blockNumber)
          .isInstanceOfSatisfying(
              ChainException.class,
              e -> assertThat(e.code()).isEqualTo(ChainException.UNAVAILABLE));
    }
  }

  @Test
  void aMissingGanacheIsALocalFailureThatSaysWhatToDo() {
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err), Terminal.none());

    int code = Coop.run(context, "chain", "dev", "--ganache", dir.resolve("no-ganache").toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("no-ganache", "npm ci");
  }

  private static JsonNode awaitJson(StringWriter out, Thread command) throws Exception {
    Instant deadline = Instant.now().plusSeconds(90);
    while (Instant.now().isBefore(deadline) && command.isAlive()) {
      String text = out.toString();
      if (text.strip().endsWith("}")) {
        return new ObjectMapper().readTree(text);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("coop chain dev printed no JSON: " + out);
  }
}
