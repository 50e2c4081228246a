package org.coopledger.cli;

import java.io.Console;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * The person at the keyboard, if there is one: where passphrases are typed and whether a progress
 * bar makes sense.
 */
public interface Terminal {
  /** True when a person is watching: progress bars and prompts are wanted. */
  boolean interactive();

  /** Reads a secret without echo, or empty when nobody can type one. */
  Optional<char[]> readSecret(String prompt);

  /** The terminal of this process ({@link System#console()}). */
  static Terminal system() {
    Console console = System.console();
    boolean interactive = isTerminal(console);
    return new Terminal() {
      @Override
      public boolean interactive() {
        return interactive;
      }

      @Override
      public Optional<char[]> readSecret(String prompt) {
        return interactive
            ? Optional.ofNullable(console.readPassword("%s", prompt))
            : Optional.empty();
      }
    };
  }

  /** A terminal with nobody at it: no prompts, no progress bars (scripts, CI, tests). */
  static Terminal none() {
    return new Terminal() {
      @Override
      public boolean interactive() {
        return false;
      }

      @Override
      public Optional<char[]> readSecret(String prompt) {
        return Optional.empty();
      }
    };
  }

  private static boolean isTerminal(Console console) {
    if (console == null) {
      return false;
    }
    // From Java 22 on, System.console() is non-null even when input or output is redirected and
    // Console.isTerminal() tells the truth; the build targets 21, so ask for it by name.
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (IllegalAccessException | InvocationTargetException e) {
      return false;
    }
  }
}
