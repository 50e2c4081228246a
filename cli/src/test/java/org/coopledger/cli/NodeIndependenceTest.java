package org.coopledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An auditor needs only the governance module and HTTP, never node code: the CLI depends on the
 * node module for {@code coop node} alone, and this keeps it that way.
 */
class NodeIndependenceTest {
  private static final Path SOURCES = Path.of("src/main/java/org/coopledger/cli");

  @Test
  void onlyTheNodePackageUsesNodeClasses() throws IOException {
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      offenders =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> !SOURCES.relativize(f).startsWith("node"))
              .filter(NodeIndependenceTest::mentionsNodeModule)
              .toList();
    }

    assertThat(SOURCES).isDirectory();
    assertThat(offenders).as("files outside cli/node that use org.coopledger.node").isEmpty();
  }

  private static boolean mentionsNodeModule(Path file) {
    try {
      return Files.readString(file).contains("org.coopledger.node.");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
