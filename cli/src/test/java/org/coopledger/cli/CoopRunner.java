package org.coopledger.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/** Runs the real {@code coop} commands in-process with a chosen environment and terminal. */
public final class CoopRunner {
  private final Map<String, String> env;
  private final Terminal terminal;

  private CoopRunner(Map<String, String> env, Terminal terminal) {
    this.env = env;
    this.terminal = terminal;
  }

  /** No terminal, no environment variables. */
  public static CoopRunner plain() {
    return new CoopRunner(Map.of(), Terminal.none());
  }

  public CoopRunner withEnv(Map<String, String> variables) {
    return new CoopRunner(variables, terminal);
  }

  /** A terminal where a person types {@code secrets}, one per prompt, in order. */
  public CoopRunner typing(String... secrets) {
    Deque<String> queue = new ArrayDeque<>(List.of(secrets));
    Terminal typed =
        new Terminal() {
          @Override
          public boolean interactive() {
            return true;
          }

          @Override
          public Optional<char[]> readSecret(String prompt) {
            String next = queue.poll();
            return Optional.ofNullable(next).map(String::toCharArray);
          }
        };
    return new CoopRunner(env, typed);
  }

  /** A context with this runner's environment and terminal whose output goes nowhere. */
  public CliContext context() {
    return new CliContext(
        env, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), terminal);
  }

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Coop.run(new CliContext(env, new PrintWriter(out), new PrintWriter(err), terminal), args);
    return new Result(code, out.toString(), err.toString());
  }

  /** The path of every command below the root ({@code [chain, dev]}), parents before children. */
  public static List<List<String>> commandPaths(CommandLine root) {
    List<List<String>> paths = new ArrayList<>();
    walk(root, List.of(), paths);
    return paths;
  }

  private static void walk(CommandLine command, List<String> path, List<List<String>> paths) {
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      if (!sub.getKey().equals(sub.getValue().getCommandName())) {
        continue; // an alias
      }
      List<String> subPath = new ArrayList<>(path);
      subPath.add(sub.getKey());
      paths.add(subPath);
      walk(sub.getValue(), subPath, paths);
    }
  }

  /** What one command did. */
  public record Result(int exitCode, String out, String err) {}
}
