package org.coopledger.cli.keys;

import java.util.Arrays;
import java.util.Optional;
import org.coopledger.cli.CliContext;

/**
 * Where passphrases come from: the {@code COOP_PASSPHRASE} environment variable, else a prompt on
 * the terminal. Never from a command-line flag, which would end up in shell history and in {@code
 * ps} output.
 */
public final class Passphrases {
  public static final String ENV = "COOP_PASSPHRASE";

  private final CliContext context;

  public Passphrases(CliContext context) {
    this.context = context;
  }

  /** The passphrase to unlock {@code what}, or empty if there is neither variable nor terminal. */
  public Optional<char[]> forReading(String what) {
    Optional<String> fromEnv = context.env(ENV);
    if (fromEnv.isPresent()) {
      return Optional.of(fromEnv.get().toCharArray());
    }
    return context.terminal().readSecret("Passphrase for " + what + ": ");
  }

  /**
   * A new passphrase for {@code what}, typed twice on a terminal; empty when the person chose none.
   *
   * @throws IllegalArgumentException when nobody can type one and the variable is unset, or the two
   *     typed passphrases differ
   */
  public Optional<char[]> forWriting(String what) {
    Optional<String> fromEnv = context.env(ENV);
    if (fromEnv.isPresent()) {
      return Optional.of(fromEnv.get().toCharArray());
    }
    if (!context.terminal().interactive()) {
      throw new IllegalArgumentException(
          "no passphrase for "
              + what
              + ": set "
              + ENV
              + ", run in a terminal to be asked, or pass --no-passphrase for an unencrypted key");
    }
    char[] first =
        context
            .terminal()
            .readSecret("New passphrase for " + what + " (empty for none): ")
            .orElse(new char[0]);
    if (first.length == 0) {
      return Optional.empty();
    }
    char[] second = context.terminal().readSecret("Repeat it: ").orElse(new char[0]);
    boolean same = Arrays.equals(first, second);
    Arrays.fill(second, '\0');
    if (!same) {
      Arrays.fill(first, '\0');
      throw new IllegalArgumentException("the two passphrases differ; nothing was written");
    }
    return Optional.of(first);
  }
}
