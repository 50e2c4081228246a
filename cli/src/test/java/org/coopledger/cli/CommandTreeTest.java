package org.coopledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.coopledger.cli.command.ProposalCommands;
import org.coopledger.cli.command.ShowCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** Only the command that runs is built, and what people see stays the same. */
class CommandTreeTest {
  private static final String[] NONE = {};

  @Test
  void buildsOnlyTheCommandNamedFirst() {
    assertThat(Coop.commandsFor(new String[] {"vote", "3fa8", "yes"}, List.of()))
        .containsExactly(ProposalCommands.Vote.class);
    assertThat(Coop.commandsFor(new String[] {"show", "members"}, List.of()))
        .containsExactly(ShowCommand.class);
  }

  @Test
  void findsACommandAddedByTheLauncherToo() {
    assertThat(Coop.commandsFor(new String[] {"extra"}, List.of(Extra.class)))
        .containsExactly(Extra.class);
  }

  @Test
  void helpVersionNoCommandAndTyposGetEveryCommand() {
    List<Class<?>> all = Coop.commandsFor(NONE, List.of());
    assertThat(all).hasSizeGreaterThan(10);
    for (String[] args :
        new String[][] {{"--help"}, {"-V"}, {"vot", "3fa8", "yes"}, {"members"}, {"--node", "x"}}) {
      assertThat(Coop.commandsFor(args, List.of())).as(String.join(" ", args)).isEqualTo(all);
    }
  }

  @Test
  void everyCommandHasItsOwnName() {
    Set<String> names = new HashSet<>();
    for (Class<?> command : Coop.commandsFor(NONE, List.of())) {
      Command annotation = command.getAnnotation(Command.class);
      assertThat(annotation).as(command.getName()).isNotNull();
      assertThat(names.add(annotation.name())).as(annotation.name()).isTrue();
    }
  }

  @Test
  void helpStillListsEveryCommand() {
    CoopRunner.Result help = CoopRunner.plain().run("--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("vote", "show", "propose", "audit", "verify-proof", "chain");
  }

  @Test
  void aMistypedCommandIsStillSuggestedTheRightOne() {
    CoopRunner.Result typo = CoopRunner.plain().run("vot", "3fa8", "yes");

    assertThat(typo.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(typo.err()).contains("vote");
  }

  @Test
  void aCommandBuiltAloneStillShowsItsFullName() {
    CoopRunner.Result missing = CoopRunner.plain().run("vote");

    assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(missing.err()).contains("Usage: coop vote");
  }

  @Test
  void everyCommandAndSubcommandAnswersHelp() {
    List<List<String>> paths =
        CoopRunner.commandPaths(Coop.tree(CoopRunner.plain().context(), List.of()));
    assertThat(paths).contains(List.of("chain", "dev"), List.of("show", "members"));
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      CoopRunner.Result help = CoopRunner.plain().run(args.toArray(String[]::new));
      String name = String.join(" ", path);
      assertThat(help.exitCode()).as("coop " + name + " --help: " + help.err()).isZero();
      assertThat(help.out()).as(name).contains("Usage: coop " + name);
    }
  }

  @Command(name = "extra")
  static final class Extra implements Runnable {
    @Override
    public void run() {}
  }
}
