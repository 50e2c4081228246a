package org.coopledger.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void onATerminalTheBarIsRedrawnInPlaceAndEndsItsLine() {
    StringWriter err = new StringWriter();
    Progress progress = new Progress(new PrintWriter(err), true, "auditing entries", 200);

    progress.update(1);
    progress.update(2);
    progress.update(100);
    progress.update(200);
    progress.finish();

    assertThat(err.toString())
        .startsWith("\rauditing entries [")
        .contains("100/200 (50%)")
        .contains("200/200 (100%)")
        .endsWith(System.lineSeparator());
    // 0%, 1%, 50% and 100%: one redraw each (split leaves an empty first part)
    assertThat(err.toString().split("\r")).hasSize(5);
  }

  @Test
  void withoutATerminalNothingIsPrinted() {
    StringWriter err = new StringWriter();
    Progress progress = new Progress(new PrintWriter(err), false, "auditing entries", 200);

    progress.update(100);
    progress.finish();

    assertThat(err.toString()).isEmpty();
  }
}
