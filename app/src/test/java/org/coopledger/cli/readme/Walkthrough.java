package org.coopledger.cli.readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's five-minute walkthrough, read from README.md itself so that the test runs exactly
 * what a newcomer types: the {@code sh} code blocks of the walkthrough section, where the one block
 * that starts the node runs in the background (a second terminal for the reader) and all the others
 * run, in order, as one shell script.
 */
record Walkthrough(String nodeCommand, List<String> scriptLines) {
  static final String SECTION = "## Five-minute walkthrough";

  static Walkthrough read(Path readme) throws IOException {
    List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
    int start = lines.indexOf(SECTION);
    if (start < 0) {
      throw new IllegalStateException("README.md has no '" + SECTION + "' section");
    }
    String node = null;
    List<String> script = new ArrayList<>();
    List<String> block = null;
    for (int i = start + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (block == null && line.startsWith("## ")) {
        break;
      }
      if (block == null && line.strip().equals("```sh")) {
        block = new ArrayList<>();
      } else if (block != null && line.strip().equals("```")) {
        List<String> commands =
            block.stream().filter(l -> !l.isBlank() && !l.strip().startsWith("#")).toList();
        if (commands.size() == 1 && commands.get(0).strip().startsWith("./coop node")) {
          node = stripComment(commands.get(0));
        } else {
          script.addAll(block);
        }
        block = null;
      } else if (block != null) {
        block.add(line);
      }
    }
    if (node == null || script.isEmpty()) {
      throw new IllegalStateException(
          "the walkthrough needs one ```sh block with just `./coop node ...` and others with the steps");
    }
    return new Walkthrough(node, List.copyOf(script));
  }

  private static String stripComment(String line) {
    int hash = line.indexOf(" #");
    return (hash < 0 ? line : line.substring(0, hash)).strip();
  }
}
