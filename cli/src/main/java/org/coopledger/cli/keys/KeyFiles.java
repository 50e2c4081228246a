package org.coopledger.cli.keys;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.util.io.pem.PemReader;
import org.coopledger.governance.crypto.KeyFileException;
import org.coopledger.governance.crypto.PublicKey;
import org.coopledger.governance.crypto.SigningKey;

/**
 * Member key files: a PKCS#8 PEM block (encrypted when there is a passphrase) after a few
 * informational header lines ({@code coop key: NAME}, key id, public key) that PEM readers skip.
 * The header is for people reading the file; everything shown by {@code coop} is derived from the
 * key itself.
 */
public final class KeyFiles {
  private static final Pattern NAME = Pattern.compile("(?m)^coop key: (.+)$");
  private static final Pattern PUBLIC_KEY =
      Pattern.compile("(?m)^public key: ([A-Za-z0-9+/=]+)\\s*$");
  private static final Pattern NAME_RULE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private KeyFiles() {}

  /** A loaded key with the name its file gives it (empty if none). */
  public record LoadedKey(SigningKey key, Optional<String> name) {}

  /**
   * Writes {@code key} to a new file readable only by its owner.
   *
   * @throws FileAlreadyExistsException (wrapped) rather than overwrite a key
   */
  public static void write(Path file, SigningKey key, Optional<String> name, char[] passphrase) {
    name.ifPresent(KeyFiles::checkName);
    StringBuilder text = new StringBuilder();
    name.ifPresent(n -> text.append("coop key: ").append(n).append('\n'));
    text.append("key id: ").append(key.id()).append('\n');
    text.append("public key: ").append(key.publicKey().base64()).append('\n');
    text.append(key.toPem(passphrase));
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      createOwnerOnly(file);
      Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Re-encrypts an encrypted key file in place in the current form (PBKDF2-HMAC-SHA256 with {@link
   * SigningKey#PBKDF2_ITERATIONS} rounds, AES-256-CBC), with the same passphrase, keeping its name.
   * The new file is written beside the old one, opened again and compared before it replaces it, so
   * a failure never leaves the key unreadable.
   *
   * @return how the file was encrypted before, e.g. {@code PBKDF2-HMAC-SHA1, 2048 rounds}
   * @throws KeyFileException if the file is not an encrypted key or the passphrase is wrong
   */
  public static String reencrypt(Path file, char[] passphrase) {
    String text = read(file);
    if (!text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      throw new KeyFileException(file + " is not encrypted; nothing to re-encrypt");
    }
    String before = encryption(text);
    SigningKey key;
    try {
      key = SigningKey.fromPem(text, passphrase);
    } catch (KeyFileException e) {
      throw new KeyFileException(file + ": " + e.getMessage());
    }
    Path fresh = file.resolveSibling(file.getFileName() + ".reencrypted");
    try {
      Files.deleteIfExists(fresh);
      write(fresh, key, name(text), passphrase);
      if (!SigningKey.fromPem(read(fresh), passphrase).id().equals(key.id())) {
        throw new IllegalStateException("the re-encrypted key does not open to the same key");
      }
      Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return before;
  }

  /**
   * How an encrypted key file's key is protected, e.g. {@code PBKDF2-HMAC-SHA256, 600000 rounds}.
   */
  public static String encryption(Path file) {
    return encryption(read(file));
  }

  private static String encryption(String text) {
    try (PemReader reader =
        new PemReader(
            new StringReader(
                text.substring(text.indexOf("-----BEGIN ENCRYPTED PRIVATE KEY-----"))))) {
      var info =
          org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo.getInstance(
              reader.readPemObject().getContent());
      var pbes2 =
          org.bouncycastle.asn1.pkcs.PBES2Parameters.getInstance(
              info.getEncryptionAlgorithm().getParameters());
      var kdf =
          org.bouncycastle.asn1.pkcs.PBKDF2Params.getInstance(
              pbes2.getKeyDerivationFunc().getParameters());
      String prf =
          kdf.getPrf().getAlgorithm().equals(PKCSObjectIdentifiers.id_hmacWithSHA256)
              ? "PBKDF2-HMAC-SHA256"
              : kdf.isDefaultPrf()
                  ? "PBKDF2-HMAC-SHA1"
                  : "PBKDF2 (" + kdf.getPrf().getAlgorithm() + ")";
      return prf + ", " + kdf.getIterationCount() + " rounds";
    } catch (IOException | RuntimeException e) {
      return "an encryption this version cannot describe";
    }
  }

  /** Whether the file's key is encrypted (needs a passphrase to load). */
  public static boolean encrypted(Path file) {
    return read(file).contains("-----BEGIN ENCRYPTED PRIVATE KEY-----");
  }

  /**
   * Loads a key, asking {@code passphrases} only if the file is encrypted.
   *
   * @throws KeyFileException if the file is not a key or the passphrase is missing or wrong
   */
  public static LoadedKey load(Path file, Passphrases passphrases) {
    String text = read(file);
    char[] passphrase = null;
    if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      passphrase =
          passphrases
              .forReading(file.toString())
              .orElseThrow(
                  () ->
                      new KeyFileException(
                          file
                              + " is encrypted: set "
                              + Passphrases.ENV
                              + " or run in a terminal to type its passphrase"));
    }
    try {
      SigningKey key = SigningKey.fromPem(text, passphrase);
      return new LoadedKey(key, name(text));
    } catch (KeyFileException e) {
      throw new KeyFileException(file + ": " + e.getMessage());
    } finally {
      if (passphrase != null) {
        Arrays.fill(passphrase, '\0');
      }
    }
  }

  /**
   * Reads a public key without any passphrase: from a PEM public key file, a file holding the
   * base64 of the raw key, or the {@code public key:} header of a key file written by {@link
   * #write}. The header is not checked against the private key; whoever relies on it gets
   * signatures checked against it later, so a wrong header fails there.
   */
  public static PublicKey loadPublic(Path file) {
    String text = read(file);
    if (text.contains("-----BEGIN PUBLIC KEY-----")) {
      return PublicKey.fromPem(text.substring(text.indexOf("-----BEGIN PUBLIC KEY-----")));
    }
    Matcher header = PUBLIC_KEY.matcher(text);
    if (header.find()) {
      return PublicKey.fromBase64(header.group(1));
    }
    return PublicKey.fromBase64(text.strip());
  }

  /** The name in a key file's header, if it has one. */
  public static Optional<String> name(Path file) {
    return name(read(file));
  }

  private static Optional<String> name(String text) {
    Matcher matcher = NAME.matcher(text);
    return matcher.find() ? Optional.of(matcher.group(1).strip()) : Optional.empty();
  }

  private static void checkName(String name) {
    if (!NAME_RULE.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a key name is 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit;"
              + " got '"
              + name
              + "'");
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates the empty file with owner-only permissions before any secret is written to it. */
  private static void createOwnerOnly(Path file) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): its default ACLs are all we can rely on.
      Files.createFile(file);
    }
  }
}
