package org.coopledger.cli.command;

import picocli.CommandLine.Option;

/** {@code --json}: print one JSON document on stdout instead of text (see output.Json). */
public final class JsonOption {
  @Option(names = "--json", description = "print JSON instead of text")
  boolean json;

  public boolean enabled() {
    return json;
  }
}
