package org.coopledger.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.coopledger.cli.CoopRunner;
import org.coopledger.cli.ExitCode;
import org.coopledger.governance.clause.ActionKind;
import org.coopledger.governance.clause.Clause;
import org.coopledger.governance.clause.DefaultRulebook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulebookCommandTest {
  @TempDir Path dir;

  @Test
  void theDefaultRulebookFileChecksClean() throws Exception {
    Path file = dir.resolve("rules.txt");
    Files.writeString(file, DefaultRulebook.rulebook().text());

    CoopRunner.Result result = CoopRunner.plain().run("rulebook", "check", file.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(result.out()).startsWith("guard rails: no warnings");
  }

  @Test
  void aRulebookThatLetsOneTreasurerPayAndOneMemberChangeTheRulesIsWarnedAbout() throws Exception {
    Path file = dir.resolve("rules.txt");
    Files.writeString(
        file,
        DefaultRulebook.rulebook()
            .with(ActionKind.PAYOUT, Clause.parse("1 of role(treasurer)"))
            .with(ActionKind.RULEBOOK, Clause.parse("any(members)"))
            .text());

    CoopRunner.Result result = CoopRunner.plain().run("rulebook", "check", file.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(result.out())
        .contains("warning ALONE: payout: one member can pass it alone (treasurer 1, treasurer 2")
        .contains("warning WEAK_RULEBOOK: rulebook: 1 member can change the rulebook");
  }
}
