package org.coopledger.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.ExitCode;
import org.coopledger.cli.entry.SignedEntryFile;
import org.coopledger.cli.keys.KeyFiles;
import org.coopledger.governance.action.Genesis;
import org.coopledger.governance.action.NewMember;
import org.coopledger.governance.codec.DecodedEntry;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.codec.EntrySignature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline multi-signing: a genesis drafted into a file, signed by each founder in turn. */
class GenesisAndSignTest {
  @TempDir Path dir;
  private final CoopRunner coop = CoopRunner.plain();

  @BeforeEach
  void keys() {
    for (String name : List.of("ann", "ben")) {
      coop.run("key", "new", "--out", key(name), "--name", name, "--no-passphrase");
    }
  }

  @Test
  void genesisSignedByEachFounderInTurnCarriesTheirValidSignaturesOverOneBody() throws Exception {
    String draft = dir.resolve("genesis.json").toString();
    String benPublic = KeyFiles.loadPublic(Path.of(key("ben"))).base64();

    CoopRunner.Result drafted =
        coop.run(
            "genesis",
            "--name",
            "River Sound",
            "--founder",
            key("ann") + ":creator,treasurer",
            "--founder",
            "ben=" + benPublic + ":creator",
            "--split",
            "ann=6000",
            "--split",
            "ben=4000",
            "--out",
            draft);
    byte[] unsigned = SignedEntryFile.read(Path.of(draft));
    CoopRunner.Result first = coop.run("sign", draft, "--key", key("ann"));
    CoopRunner.Result second = coop.run("sign", draft, "--key", key("ben"));

    assertThat(drafted.exitCode()).as(drafted.err()).isEqualTo(ExitCode.OK);
    assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCode.OK);
    assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCode.OK);
    assertThat(first.err()).contains("signing: found co-op 'River Sound'");
    DecodedEntry signed = EntryCodec.decode(SignedEntryFile.read(Path.of(draft)));
    assertThat(signed.body()).isEqualTo(EntryCodec.decode(unsigned).body());
    Genesis genesis = (Genesis) signed.entry().action();
    assertThat(genesis.founders()).extracting(NewMember::displayName).containsExactly("ann", "ben");
    assertThat(signed.entry().coopId()).isEqualTo("river-sound");
    assertThat(signed.signatures()).hasSize(2);
    for (EntrySignature signature : signed.signatures()) {
      NewMember founder =
          genesis.founders().stream()
              .filter(f -> f.publicKey().id().equals(signature.keyId()))
              .findFirst()
              .orElseThrow();
      founder.publicKey().verify(signed.signingBytes(), signature.signature());
    }
  }

  @Test
  void signingTwiceWithTheSameKeyIsRefusedAndLeavesTheFileAlone() throws Exception {
    Path draft = dir.resolve("genesis.json");
    coop.run(
        "genesis", "--name", "X", "--founder", key("ann") + ":creator", "--out", draft.toString());
    coop.run("sign", draft.toString(), "--key", key("ann"));
    String before = Files.readString(draft);

    CoopRunner.Result again = coop.run("sign", draft.toString(), "--key", key("ann"));

    assertThat(again.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(again.err()).contains("already signed");
    assertThat(Files.readString(draft)).isEqualTo(before);
  }

  @Test
  void founderWithoutAnyNameIsAskedForOne() {
    String anonymous = KeyFiles.loadPublic(Path.of(key("ben"))).base64();

    CoopRunner.Result result =
        coop.run(
            "genesis",
            "--name",
            "X",
            "--founder",
            anonymous + ":creator",
            "--out",
            dir.resolve("g.json").toString());

    assertThat(result.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(result.err()).contains("NAME=KEY:ROLES");
  }

  @Test
  void fileThatIsNotASignedEntryIsRefusedBeforeAnythingIsSigned() throws Exception {
    Path bogus = dir.resolve("bogus.json");
    Files.writeString(bogus, "{\"body\": \"AAAA\", \"signatures\": []}");

    CoopRunner.Result result = coop.run("sign", bogus.toString(), "--key", key("ann"));

    assertThat(result.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(result.err()).contains("bogus.json does not hold a valid signed entry");
  }

  private String key(String name) {
    return dir.resolve(name + ".pem").toString();
  }
}
