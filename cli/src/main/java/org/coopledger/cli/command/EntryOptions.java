package org.coopledger.cli.command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of every command that makes a signed entry. */
public final class EntryOptions {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([smhd])");

  @Mixin NodeOption node;
  @Mixin KeyOption key;
  @Mixin JsonOption json;
  @Mixin TrustDirOption trust;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "write the signed entry to FILE instead of submitting it, for others to sign"
              + " (coop sign) and someone to submit (coop submit)")
  Path out;

  @Option(
      names = "--coop",
      paramLabel = "ID",
      description = "the co-op id (default: asked from the node; needed offline with --out)")
  String coop;

  @Option(
      names = "--expires-in",
      paramLabel = "DURATION",
      description =
          "how long the entry may wait to be accepted: 30m, 12h, 7d (default 10m; 7d with"
              + " --out, for others to sign offline). A node cannot stamp it later than this")
  String expiresIn;

  @Option(
      names = {"-q", "--quiet"},
      description = "print only the entry id (for a proposal: the proposal id), for scripts")
  boolean quiet;

  /** How long the entry stays acceptable. */
  Duration expiry() {
    if (expiresIn == null) {
      return out == null ? Duration.ofMinutes(10) : Duration.ofDays(7);
    }
    Matcher m = DURATION.matcher(expiresIn.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--expires-in takes a number and a unit s, m, h or d (e.g. 12h), got '"
              + expiresIn
              + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
