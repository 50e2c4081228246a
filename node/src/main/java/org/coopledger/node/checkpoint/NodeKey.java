package org.coopledger.node.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.node.NodeStartException;

/**
 * Loads the node's Ed25519 key from its data directory, creating it on first start. The file is
 * PKCS#8 PEM, readable and writable by the owner only, and written atomically so that a crash never
 * leaves half a key behind.
 */
public final class NodeKey {
  public static final String FILE_NAME = "node-key.pem";

  private static final Logger LOG = Logger.getLogger(NodeKey.class.getName());
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private NodeKey() {}

  /** The node refuses a key file that others can read: {@link #loadOrCreate} throws this code. */
  public static final String KEY_FILE_EXPOSED = "KEY_FILE_EXPOSED";

  /**
   * The key in {@code dataDir}, created there if it does not exist yet.
   *
   * @throws NodeStartException {@link #KEY_FILE_EXPOSED} if the file is readable or writable by its
   *     group or by others (like SSH, which refuses such private keys)
   */
  public static SigningKey loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (Files.exists(file)) {
        requireOwnerOnly(file);
        return SigningKey.fromPem(Files.readString(file, StandardCharsets.UTF_8));
      }
      Files.createDirectories(dataDir);
      SigningKey key = SigningKey.generate();
      Path temporary = dataDir.resolve(FILE_NAME + ".tmp");
      Files.deleteIfExists(temporary);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } else {
        Files.createFile(temporary);
      }
      Files.writeString(temporary, key.toPem(), StandardCharsets.UTF_8);
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        Files.deleteIfExists(temporary);
        return SigningKey.fromPem(Files.readString(file, StandardCharsets.UTF_8));
      }
      LOG.info("created node key " + key.id() + " in " + file);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the node key " + file, e);
    }
  }

  private static void requireOwnerOnly(Path file) throws IOException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    Set<PosixFilePermission> exposed = EnumSet.copyOf(permissions);
    exposed.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    exposed.remove(PosixFilePermission.OWNER_EXECUTE);
    if (!exposed.isEmpty()) {
      throw new NodeStartException(
          KEY_FILE_EXPOSED,
          "the node key "
              + file
              + " is accessible to others (permissions "
              + PosixFilePermissions.toString(permissions)
              + "): anyone who read it can sign checkpoints and receipts as this node. Make it"
              + " private with `chmod 600 "
              + file
              + "`, and if others may have read it, replace it (see docs/node.md)");
    }
  }
}
