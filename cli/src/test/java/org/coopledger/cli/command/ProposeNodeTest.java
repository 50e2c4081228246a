package org.coopledger.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.ExitCode;
import org.coopledger.cli.entry.SignedEntryFile;
import org.coopledger.governance.action.CreateProposal;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.SignatureType;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.crypto.SigningKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coop propose node}, drafted offline: what it signs, and what it refuses to sign. */
class ProposeNodeTest {
  @TempDir Path dir;
  private final CoopRunner coop = CoopRunner.plain();
  private final SigningKey node = SigningKey.generate();

  @BeforeEach
  void key() {
    coop.run("key", "new", "--out", member(), "--name", "ann", "--no-passphrase");
  }

  @Test
  void addsANodeGivenByItsKeyInHexItsVerifierKeyOrItsKeyFile() throws Exception {
    Path pem = dir.resolve("node-key.pem");
    Files.writeString(pem, node.toPem());
    String vkey =
        NoteVerifier.of("river.example/ledger", SignatureType.ED25519, node.publicKey()).vkey();
    for (String given :
        new String[] {HexFormat.of().formatHex(node.publicKey().raw()), vkey, pem.toString()}) {
      Governed.NodeChange change =
          draft("--add", "dan", "--node-key", given, "--raft-address", "10.0.0.4:7070");

      assertThat(change.remove()).as(given).isEmpty();
      assertThat(change.add())
          .as(given)
          .isEqualTo(new NetworkNode("dan", node.publicKey(), "10.0.0.4:7070"));
    }
  }

  @Test
  void removesANodeOrReplacesOneInOneProposal() throws Exception {
    assertThat(draft("--remove", "ben")).isEqualTo(new Governed.NodeChange("ben", null));
    assertThat(
            draft(
                "--remove",
                "ben",
                "--add",
                "ben2",
                "--node-key",
                node.publicKey().base64(),
                "--raft-address",
                "10.0.0.5:7070"))
        .isEqualTo(
            new Governed.NodeChange(
                "ben", new NetworkNode("ben2", node.publicKey(), "10.0.0.5:7070")));
  }

  @Test
  void refusesAnIncompleteOrMalformedChangeAndSignsNothing() {
    String hex = HexFormat.of().formatHex(node.publicKey().raw());
    assertRefused("give --add NAME (with --node-key and --raft-address), --remove NAME");
    assertRefused("needs the node's public key (--node-key)", "--add", "dan");
    assertRefused("needs the node's public key", "--add", "dan", "--raft-address", "10.0.0.4:7070");
    assertRefused("give --add NAME too", "--remove", "ben", "--node-key", hex);
    assertRefused(
        "is not a node's public key",
        "--add",
        "dan",
        "--node-key",
        "c0ffee",
        "--raft-address",
        "10.0.0.4:7070");
    assertRefused(
        "must be host:port", "--add", "dan", "--node-key", hex, "--raft-address", "10.0.0.4");
    assertRefused(
        "a node name is 1 to 64 letters",
        "--add",
        "dan smith",
        "--node-key",
        hex,
        "--raft-address",
        "10.0.0.4:7070");
  }

  private Governed.NodeChange draft(String... options) throws Exception {
    Path out = dir.resolve("change-" + System.nanoTime() + ".json");
    CoopRunner.Result result = coop.run(command(out, options));
    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.OK);
    var entry = EntryCodec.decode(SignedEntryFile.read(out)).entry();
    return (Governed.NodeChange) ((CreateProposal) entry.action()).governed();
  }

  private void assertRefused(String message, String... options) {
    Path out = dir.resolve("refused.json");
    CoopRunner.Result result = coop.run(command(out, options));
    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.FAILED);
    assertThat(result.err()).contains(message);
    assertThat(out).doesNotExist();
  }

  private String[] command(Path out, String... options) {
    String[] head = {
      "propose",
      "node",
      "--key",
      member(),
      "--coop",
      "river",
      "--out",
      out.toString(),
      "--title",
      "the network"
    };
    String[] all = new String[head.length + options.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(options, 0, all, head.length, options.length);
    return all;
  }

  private String member() {
    return dir.resolve("ann.key").toString();
  }
}
