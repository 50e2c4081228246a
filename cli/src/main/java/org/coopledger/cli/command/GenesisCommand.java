package org.coopledger.cli.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.entry.SignedEntryFile;
import org.coopledger.cli.keys.KeyFiles;
import org.coopledger.governance.action.Entry;
import org.coopledger.governance.action.Genesis;
import org.coopledger.governance.action.NewMember;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.clause.Rulebook;
import org.coopledger.governance.codec.EntrySigner;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.crypto.PublicKey;
import org.coopledger.governance.crypto.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code coop genesis}: drafts the entry that founds a co-op, to be signed by every founder in turn
 * ({@code coop sign}) and then submitted ({@code coop submit}).
 */
@Command(
    name = "genesis",
    description = {
      "Draft the founding entry of a new co-op into a file. Every founder then signs it",
      "(`coop sign FILE --key THEIR_KEY`) and anyone submits it (`coop submit FILE`)."
    })
public final class GenesisCommand implements Runnable {
  private final CliContext context;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "the co-op's name")
  String name;

  @Option(
      names = "--coop",
      paramLabel = "ID",
      description = "the co-op id the node serves (default: the name in lower case, dashed)")
  String coop;

  @Option(
      names = "--founder",
      required = true,
      paramLabel = "[NAME=]KEY:ROLES",
      description = {
        "a founder: public key (base64, or a key file) and comma-separated roles,",
        "e.g. alice=pACF...rg0=:creator,treasurer; repeat. The first one is the author."
      })
  List<String> founders;

  @Option(
      names = "--rulebook",
      paramLabel = "FILE",
      description = "the rulebook (default: the built-in one, see docs/clauses.md)")
  Path rulebook;

  @Option(
      names = "--split",
      paramLabel = "NAME=BPS",
      description = "a founder's share of the first revenue split in basis points; repeat")
  Map<String, Integer> split = new LinkedHashMap<>();

  @Option(
      names = "--expires-in",
      paramLabel = "DAYS",
      description = "days the founders have to sign and submit it (default 7)")
  int expiresInDays = 7;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "the draft to write")
  Path out;

  @Mixin JsonOption json;

  GenesisCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    List<NewMember> members = new ArrayList<>();
    for (String spec : founders) {
      members.add(founder(spec));
    }
    List<Share> shares = new ArrayList<>();
    split.forEach((who, bps) -> shares.add(new Share(founderId(members, who), bps)));
    String rulebookText = "";
    if (rulebook != null) {
      try {
        rulebookText = Rulebook.parse(Files.readString(rulebook, StandardCharsets.UTF_8)).text();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String coopId = coop != null ? coop : slug(name);
    Instant now = Instant.now();
    Entry entry =
        new Entry(
            coopId,
            members.get(0).publicKey().id(),
            1,
            now.toEpochMilli(),
            now.plus(Duration.ofDays(expiresInDays)).toEpochMilli(),
            new Genesis(name, members, rulebookText, shares));
    byte[] unsigned = EntrySigner.sign(entry, new SigningKey[0]);
    if (Files.exists(out)) {
      throw new IllegalArgumentException("file exists, not overwriting it: " + out);
    }
    SignedEntryFile.write(out, unsigned);
    Publisher.reportDraft(context, unsigned, out.toString(), json.enabled(), false);
  }

  private static NewMember founder(String spec) {
    int colon = spec.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "--founder '" + spec + "' needs roles after a colon, e.g. alice=KEY:creator");
    }
    List<String> roles = List.of(spec.substring(colon + 1).split(","));
    String who = spec.substring(0, colon);
    String displayName = null;
    String keyText = who;
    PublicKey key = tryKey(who);
    if (key == null) {
      int eq = who.indexOf('=');
      if (eq > 0) {
        displayName = who.substring(0, eq);
        keyText = who.substring(eq + 1);
        key = PublicKeys.parse(keyText);
      } else {
        key = PublicKeys.parse(who);
      }
    }
    if (displayName == null) {
      displayName = nameFromKeyFile(keyText);
    }
    if (displayName == null) {
      throw new IllegalArgumentException("--founder '" + spec + "' needs a name: NAME=KEY:ROLES");
    }
    return new NewMember(key, displayName, roles);
  }

  private static PublicKey tryKey(String text) {
    try {
      return PublicKeys.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String nameFromKeyFile(String text) {
    Path file = Path.of(text);
    return Files.isRegularFile(file) ? KeyFiles.name(file).orElse(null) : null;
  }

  private static MemberId founderId(List<NewMember> members, String who) {
    for (NewMember m : members) {
      if (m.displayName().equalsIgnoreCase(who) || m.id().hex().equals(who)) {
        return m.id();
      }
    }
    throw new IllegalArgumentException("--split names '" + who + "', who is not a founder");
  }

  private static String slug(String name) {
    String slug =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
    if (slug.isEmpty()) {
      throw new IllegalArgumentException("give the co-op id with --coop");
    }
    return slug.length() > 63 ? slug.substring(0, 63) : slug;
  }
}
