package org.coopledger.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command may touch besides its arguments: the environment variables, the two output streams
 * and the terminal. Handed in rather than read from {@link System} so that tests run the real
 * commands with their own environment.
 */
public record CliContext(
    Map<String, String> env, PrintWriter out, PrintWriter err, Terminal terminal) {

  public CliContext {
    env = Map.copyOf(env);
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(terminal, "terminal");
  }

  /** An environment variable, if set to something other than blank. */
  public Optional<String> env(String name) {
    return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
  }
}
