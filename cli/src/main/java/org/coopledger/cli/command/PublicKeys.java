package org.coopledger.cli.command;

import java.nio.file.Files;
import java.nio.file.Path;
import org.coopledger.cli.keys.KeyFiles;
import org.coopledger.governance.crypto.PublicKey;

/** A public key given on the command line: base64 of the raw key, or a file holding it. */
final class PublicKeys {
  private PublicKeys() {}

  static PublicKey parse(String text) {
    Path file = Path.of(text);
    if (Files.isRegularFile(file)) {
      return KeyFiles.loadPublic(file);
    }
    try {
      return PublicKey.fromBase64(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is neither a file nor a base64 public key (as `coop key show` prints)");
    }
  }
}
