package org.coopledger.cli.output;

import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr, redrawn in place; silent when nobody watches (no terminal) so
 * logs and pipes stay clean.
 */
public final class Progress {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean enabled;
  private final String label;
  private final long total;
  private int lastPercent = -1;

  public Progress(PrintWriter err, boolean enabled, String label, long total) {
    this.err = err;
    this.enabled = enabled && total > 0;
    this.label = label;
    this.total = total;
  }

  /** Shows that {@code done} of the total are done; redraws only when the percentage moves. */
  public void update(long done) {
    if (!enabled) {
      return;
    }
    int percent = (int) Math.min(100, done * 100 / total);
    if (percent == lastPercent) {
      return;
    }
    lastPercent = percent;
    int filled = percent * WIDTH / 100;
    err.print(
        "\r"
            + label
            + " ["
            + "#".repeat(filled)
            + ".".repeat(WIDTH - filled)
            + "] "
            + done
            + "/"
            + total
            + " ("
            + percent
            + "%)");
    err.flush();
  }

  /** Ends the bar's line so later output starts on a fresh one. */
  public void finish() {
    if (enabled && lastPercent >= 0) {
      err.println();
      err.flush();
    }
  }
}
