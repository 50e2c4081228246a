package org.coopledger.cli.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.crypto.PublicKey;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.governance.error.CoopException;

/**
 * A node's public key as an operator hands it over: the node's {@code verifierKey} (as {@code GET
 * /v1/node} serves it), the raw key in hex or base64, a PEM public key, or a file holding one of
 * those or the node's own {@code node-key.pem} (its public half is taken; the private key is not
 * used for anything).
 */
final class NodeKeys {
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern VERIFIER_KEY = Pattern.compile("[^+\\s]+\\+[0-9a-f]{8}\\+\\S+");

  private NodeKeys() {}

  static PublicKey parse(String text) {
    Path file = Path.of(text);
    if (Files.isRegularFile(file)) {
      String content;
      try {
        content = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the node key file " + file, e);
      }
      if (content.contains("PRIVATE KEY-----")) {
        try {
          return SigningKey.fromPem(content).publicKey();
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(
              "the node key file "
                  + file
                  + " holds a private key that cannot be read without a passphrase or is not an"
                  + " Ed25519 key; give the node's public key instead (its verifierKey)",
              e);
        }
      }
      return parseText(content.strip(), "the node key file " + file);
    }
    return parseText(text.strip(), "'" + text + "'");
  }

  private static PublicKey parseText(String text, String what) {
    try {
      if (text.contains("-----BEGIN PUBLIC KEY-----")) {
        return PublicKey.fromPem(text.substring(text.indexOf("-----BEGIN PUBLIC KEY-----")));
      }
      if (HEX.matcher(text).matches()) {
        return PublicKey.fromRaw(HexFormat.of().parseHex(text));
      }
      if (VERIFIER_KEY.matcher(text).matches()) {
        return NoteVerifier.parse(text).publicKey();
      }
      return PublicKey.fromBase64(text);
    } catch (IllegalArgumentException | CoopException e) {
      throw new IllegalArgumentException(
          what
              + " is not a node's public key: give the node's verifierKey (GET /v1/node), the"
              + " Ed25519 key in hex (64 digits) or base64, a PEM public key, or a file holding"
              + " one of those or the node's node-key.pem ("
              + e.getMessage()
              + ")",
          e);
    }
  }
}
