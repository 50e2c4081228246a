package org.coopledger.cli.audit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.coopledger.governance.merkle.Frontier;
import org.coopledger.governance.merkle.Hash;
import org.coopledger.governance.merkle.TreeHasher;

/**
 * The Merkle tree of the entries an audit downloaded, in memory that does not grow with the ledger:
 * its right edge ({@link Frontier}, O(log n) hashes) gives the root, and the leaf hashes go to a
 * temporary file, read back only to find where a node's tree diverges from ours (a root of a
 * prefix). Not thread-safe; delete the file with {@link #close()}.
 */
final class LeafLog implements AutoCloseable {
  private final Path file;
  private final DataOutputStream out;
  private Frontier frontier = Frontier.empty();

  LeafLog() {
    try {
      file = Files.createTempFile("coop-audit-leaves-", ".bin");
      out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file for the audit's leaves", e);
    }
  }

  /** Appends the leaf of a ledger record (the bytes the leaf hash commits to). */
  void appendEntry(byte[] ledgerRecord) {
    Hash leaf = TreeHasher.leafHash(ledgerRecord);
    frontier = frontier.append(leaf).frontier();
    try {
      out.write(leaf.bytes());
    } catch (IOException e) {
      throw new UncheckedIOException("writing the audit's leaves to " + file + " failed", e);
    }
  }

  /** The temporary file of leaf hashes. */
  Path file() {
    return file;
  }

  long size() {
    return frontier.size();
  }

  Hash root() {
    return frontier.root();
  }

  /** The root of the first {@code prefix} leaves (read back from the file). */
  Hash root(long prefix) {
    if (prefix < 0 || prefix > size()) {
      throw new IllegalArgumentException("no prefix of " + prefix + " leaves in " + size());
    }
    try {
      out.flush();
      Frontier part = Frontier.empty();
      byte[] hash = new byte[Hash.LENGTH];
      try (DataInputStream in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
        for (long i = 0; i < prefix; i++) {
          in.readFully(hash);
          part = part.append(Hash.of(hash)).frontier();
        }
      }
      return part.root();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the audit's leaves from " + file + " failed", e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("deleting " + file + " failed", e);
    }
  }
}
