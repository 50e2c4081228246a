package org.coopledger.contracts.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.coopledger.governance.error.CoopException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

class EthKeyFileTest {
  @TempDir Path dir;

  @Test
  void aWrittenKeyReadsBackAsTheSameAccountAndOnlyItsOwnerCanReadIt() throws Exception {
    Credentials key = Credentials.create("0x" + "0".repeat(63) + "7");
    Path file = dir.resolve("anchor.key");

    EthKeyFile.write(file, key);

    assertThat(EthKeyFile.read(file).getAddress()).isEqualTo(key.getAddress());
    assertThat(Files.readString(file)).isEqualTo("0x" + "0".repeat(63) + "7\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void aFileThatIsNotAKeyIsRejectedWithAStableCode() throws Exception {
    Path file = dir.resolve("not-a.key");
    Files.writeString(file, "hello\n");

    assertThatThrownBy(() -> EthKeyFile.read(file))
        .isInstanceOfSatisfying(
            CoopException.class, e -> assertThat(e.code()).isEqualTo(EthKeyFile.BAD_KEY_FILE));
    assertThatThrownBy(() -> EthKeyFile.read(dir.resolve("missing.key")))
        .isInstanceOfSatisfying(
            CoopException.class, e -> assertThat(e.code()).isEqualTo(EthKeyFile.BAD_KEY_FILE));
  }

  @Test
  void aZeroKeyIsRejected() throws Exception {
    Path file = dir.resolve("zero.key");
    Files.writeString(file, "0x" + "0".repeat(64));

    assertThatThrownBy(() -> EthKeyFile.read(file)).isInstanceOf(CoopException.class);
  }
}
