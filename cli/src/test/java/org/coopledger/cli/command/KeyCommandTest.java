package org.coopledger.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void newKeyIsEncryptedWithThePassphraseFromTheEnvironmentAndShowsTheSameId() throws Exception {
    Path file = dir.resolve("alice.pem");
    CoopRunner withPassphrase = CoopRunner.plain().withEnv(Map.of("COOP_PASSPHRASE", "s3cret"));

    CoopRunner.Result created =
        withPassphrase.run("key", "new", "--out", file.toString(), "--name", "alice", "--json");
    CoopRunner.Result shown = withPassphrase.run("key", "show", file.toString(), "--json");

    assertThat(created.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(Files.readString(file)).contains("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    JsonNode createdJson = JSON.readTree(created.out());
    JsonNode shownJson = JSON.readTree(shown.out());
    assertThat(shownJson.get("keyId")).isEqualTo(createdJson.get("keyId"));
    assertThat(shownJson.get("publicKey")).isEqualTo(createdJson.get("publicKey"));
    assertThat(shownJson.get("name").asText()).isEqualTo("alice");
    assertThat(shownJson.get("encrypted").asBoolean()).isTrue();
  }

  @Test
  void keyFileIsReadableOnlyByItsOwner() throws Exception {
    Path file = dir.resolve("k.pem");
    CoopRunner.plain().run("key", "new", "--out", file.toString(), "--no-passphrase");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void wrongPassphraseFailsWithAMessageAndExitCodeOne() {
    Path file = dir.resolve("k.pem");
    CoopRunner.plain()
        .withEnv(Map.of("COOP_PASSPHRASE", "right"))
        .run("key", "new", "--out", file.toString());

    CoopRunner.Result shown =
        CoopRunner.plain()
            .withEnv(Map.of("COOP_PASSPHRASE", "wrong"))
            .run("key", "show", file.toString());

    assertThat(shown.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(shown.err()).contains("wrong passphrase");
  }

  @Test
  void encryptedKeyWithoutPassphraseOrTerminalSaysHowToGiveOne() {
    Path file = dir.resolve("k.pem");
    CoopRunner.plain()
        .withEnv(Map.of("COOP_PASSPHRASE", "right"))
        .run("key", "new", "--out", file.toString());

    CoopRunner.Result shown = CoopRunner.plain().run("key", "show", file.toString());

    assertThat(shown.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(shown.err()).contains("COOP_PASSPHRASE");
  }

  @Test
  void newKeyWithoutAnyPassphraseSourceRefusesRatherThanWritingPlainText() {
    Path file = dir.resolve("k.pem");

    CoopRunner.Result created = CoopRunner.plain().run("key", "new", "--out", file.toString());

    assertThat(created.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(created.err()).contains("--no-passphrase").contains("COOP_PASSPHRASE");
    assertThat(file).doesNotExist();
  }

  @Test
  void passphraseTypedTwiceOnTheTerminalEncryptsTheKey() throws Exception {
    Path file = dir.resolve("k.pem");

    CoopRunner.Result created =
        CoopRunner.plain().typing("typed", "typed").run("key", "new", "--out", file.toString());
    CoopRunner.Result shown =
        CoopRunner.plain().typing("typed").run("key", "show", file.toString());

    assertThat(created.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(Files.readString(file)).contains("ENCRYPTED PRIVATE KEY");
    assertThat(shown.exitCode()).isEqualTo(ExitCode.OK);
  }

  @Test
  void twoDifferentTypedPassphrasesWriteNothing() {
    Path file = dir.resolve("k.pem");

    CoopRunner.Result created =
        CoopRunner.plain().typing("one", "two").run("key", "new", "--out", file.toString());

    assertThat(created.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(created.err()).contains("differ");
    assertThat(file).doesNotExist();
  }

  @Test
  void existingKeyFileIsNeverOverwritten() throws Exception {
    Path file = dir.resolve("k.pem");
    CoopRunner.plain().run("key", "new", "--out", file.toString(), "--no-passphrase");
    String before = Files.readString(file);

    CoopRunner.Result again =
        CoopRunner.plain().run("key", "new", "--out", file.toString(), "--no-passphrase");

    assertThat(again.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(again.err()).contains("not overwriting");
    assertThat(Files.readString(file)).isEqualTo(before);
  }

  @Test
  void passphraseIsNotAcceptedAsAFlag() {
    CoopRunner.Result result =
        CoopRunner.plain()
            .run("key", "new", "--out", dir.resolve("k.pem").toString(), "--passphrase", "x");

    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
  }

  /** A key file an earlier coopledger wrote: PBKDF2-HMAC-SHA1, 2,048 rounds, passphrase "old". */
  private static final String OLD_KEY =
      """
      coop key: oldtimer
      -----BEGIN ENCRYPTED PRIVATE KEY-----
      MIG5MFUGCSqGSIb3DQEFDTBIMCcGCSqGSIb3DQEFDDAaBBTa5pMr4nAarVU92fdI
      FeKWWBPpBQICCAAwHQYJYIZIAWUDBAEqBBBiFtIvDSfmuvJWBivX1cIrBGAv1qw5
      Jlj6hLehhYEwtEW6R0EfikHQqxqjIbi/aVRKQ4qJFwL6WWovZdAsETfxsnHcbAJL
      dbflN5u0Lytv6WeENyhrquBoaftcUmXcvJjDe31DiEKfdSJfUpm8/cgPg7I=
      -----END ENCRYPTED PRIVATE KEY-----
      """;

  @Test
  void reencryptTurnsAnOldSha1KeyFileIntoTheCurrentFormWithTheSameKeyAndPassphrase()
      throws Exception {
    Path file = dir.resolve("old.pem");
    Files.writeString(file, OLD_KEY);
    CoopRunner old = CoopRunner.plain().withEnv(Map.of("COOP_PASSPHRASE", "old"));
    String idBefore =
        JSON.readTree(old.run("key", "show", file.toString(), "--json").out())
            .path("keyId")
            .asText();

    CoopRunner.Result result = old.run("key", "reencrypt", file.toString());

    assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.OK);
    assertThat(result.out())
        .contains("PBKDF2-HMAC-SHA256, 600000 rounds", "was PBKDF2-HMAC-SHA1, 2048 rounds");
    JsonNode after = JSON.readTree(old.run("key", "show", file.toString(), "--json").out());
    assertThat(after.path("keyId").asText()).isEqualTo(idBefore);
    assertThat(after.path("name").asText()).isEqualTo("oldtimer");
    assertThat(org.coopledger.cli.keys.KeyFiles.encryption(file))
        .isEqualTo("PBKDF2-HMAC-SHA256, 600000 rounds");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(dir.resolve("old.pem.reencrypted")).doesNotExist();
  }

  @Test
  void reencryptWithAWrongPassphraseLeavesTheFileAsItWas() throws Exception {
    Path file = dir.resolve("old.pem");
    Files.writeString(file, OLD_KEY);

    CoopRunner.Result result =
        CoopRunner.plain()
            .withEnv(Map.of("COOP_PASSPHRASE", "wrong"))
            .run("key", "reencrypt", file.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(Files.readString(file)).isEqualTo(OLD_KEY);
  }
}
