package org.coopledger.contracts.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.governance.error.ErrorCode;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * An Ethereum account key file for anchoring: one line, the secp256k1 private key as {@code 0x} +
 * 64 hex digits. It is not encrypted, so it is written readable by its owner only; it is meant for
 * a node's dedicated anchoring account holding little ether, and for dev chains.
 */
public final class EthKeyFile {
  /** The key file is missing, unreadable or not a private key. */
  public static final String BAD_KEY_FILE = "BAD_ETH_KEY_FILE";

  private static final ErrorCode BAD_KEY = ErrorCode.of(BAD_KEY_FILE, ErrorCategory.CLIENT_MISTAKE);

  private static final Pattern KEY = Pattern.compile("(0x)?[0-9a-fA-F]{64}");

  private EthKeyFile() {}

  public static Credentials read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new CoopException(BAD_KEY, "cannot read Ethereum key file " + file, e);
    }
    if (!KEY.matcher(text).matches()) {
      throw new CoopException(
          BAD_KEY,
          "Ethereum key file "
              + file
              + " must hold one secp256k1 private key as 0x followed by 64 hex digits");
    }
    BigInteger secret = Numeric.toBigInt(text);
    if (secret.signum() == 0) {
      throw new CoopException(BAD_KEY, "Ethereum key file " + file + " holds a zero key");
    }
    return Credentials.create(ECKeyPair.create(secret));
  }

  /** Writes a key file readable and writable by its owner only (where the file system allows). */
  public static void write(Path file, Credentials key) {
    String text =
        Numeric.toHexStringWithPrefixZeroPadded(key.getEcKeyPair().getPrivateKey(), 64) + "\n";
    try {
      Files.deleteIfExists(file);
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException | FileSystemException e) {
        Files.createFile(file);
      }
      Files.writeString(file, text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new CoopException(BAD_KEY, "cannot write Ethereum key file " + file, e);
    }
  }
}
