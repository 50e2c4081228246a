package org.coopledger.contracts.anchor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The compiled CheckpointAnchor shipped in this jar (compiled by {@code contracts/compile.js}; the
 * build fails when it no longer matches the Solidity source).
 */
public final class ContractArtifact {
  private ContractArtifact() {}

  /** The contract's creation code, {@code 0x}-prefixed hex. */
  public static String creationCode() {
    return "0x" + resource("CheckpointAnchor.bin").strip();
  }

  /** The contract's ABI as JSON. */
  public static String abiJson() {
    return resource("CheckpointAnchor.abi.json");
  }

  private static String resource(String name) {
    String path = "/org/coopledger/contracts/" + name;
    try (InputStream in = ContractArtifact.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
