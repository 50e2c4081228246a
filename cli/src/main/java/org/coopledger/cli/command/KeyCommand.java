package org.coopledger.cli.command;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.coopledger.cli.CliContext;
import org.coopledger.cli.keys.KeyFiles;
import org.coopledger.cli.keys.Passphrases;
import org.coopledger.cli.output.Json;
import org.coopledger.governance.crypto.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coop key new|show}: member keys on the member's own machine. */
@Command(
    name = "key",
    description = "Create, inspect and re-encrypt Ed25519 member keys.",
    subcommands = {KeyCommand.New.class, KeyCommand.Show.class, KeyCommand.Reencrypt.class})
public final class KeyCommand {

  /** What {@code key new} and {@code key show} print. */
  record KeyView(String name, String keyId, String publicKey, String file, boolean encrypted) {}

  @Command(
      name = "new",
      description = {
        "Create a new key. The passphrase comes from $COOP_PASSPHRASE, else a prompt.",
        "Give the printed public key to the co-op (genesis --founder, propose admit)."
      })
  static final class New implements Runnable {
    private final CliContext context;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "where to write the key")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "a name for the key, e.g. alice")
    String name;

    @Option(
        names = "--no-passphrase",
        description = "write the key unencrypted (only for throwaway or test keys)")
    boolean noPassphrase;

    @Mixin JsonOption json;

    New(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      SigningKey key = SigningKey.generate();
      Optional<char[]> passphrase =
          noPassphrase ? Optional.empty() : new Passphrases(context).forWriting(out.toString());
      try {
        KeyFiles.write(out, key, Optional.ofNullable(name), passphrase.orElse(null));
      } finally {
        passphrase.ifPresent(p -> Arrays.fill(p, '\0'));
      }
      KeyView view =
          new KeyView(
              name,
              key.id().hex(),
              key.publicKey().base64(),
              out.toString(),
              passphrase.isPresent());
      if (json.enabled()) {
        Json.print(context.out(), view);
        return;
      }
      print(context, view);
      if (!view.encrypted()) {
        context
            .err()
            .println(
                "warning: " + out + " is not encrypted; anyone who can read it can sign as you");
      }
    }
  }

  @Command(name = "show", description = "Show a key's id and public key (asks for its passphrase).")
  static final class Show implements Runnable {
    private final CliContext context;

    @Parameters(paramLabel = "FILE", description = "the key file")
    Path file;

    @Mixin JsonOption json;

    Show(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      boolean encrypted = KeyFiles.encrypted(file);
      KeyFiles.LoadedKey loaded = KeyFiles.load(file, new Passphrases(context));
      KeyView view =
          new KeyView(
              loaded.name().orElse(null),
              loaded.key().id().hex(),
              loaded.key().publicKey().base64(),
              file.toString(),
              encrypted);
      if (json.enabled()) {
        Json.print(context.out(), view);
      } else {
        print(context, view);
      }
    }
  }

  @Command(
      name = "reencrypt",
      description = {
        "Re-encrypt a key file in the current form (PBKDF2-HMAC-SHA256, 600,000 rounds,",
        "AES-256-CBC), with the same passphrase. Files written before it (PBKDF2-HMAC-SHA1,",
        "2,048 rounds) still open, but a stolen one is far cheaper to guess."
      })
  static final class Reencrypt implements Runnable {
    private final CliContext context;

    @Parameters(paramLabel = "FILE", description = "the encrypted key file")
    Path file;

    Reencrypt(CliContext context) {
      this.context = context;
    }

    @Override
    public void run() {
      if (!KeyFiles.encrypted(file)) {
        throw new IllegalArgumentException(
            file + " is not encrypted; create an encrypted key with `coop key new`");
      }
      char[] passphrase =
          new Passphrases(context)
              .forReading(file.toString())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          file
                              + " is encrypted: set "
                              + Passphrases.ENV
                              + " or run in a terminal to type its passphrase"));
      String before;
      try {
        before = KeyFiles.reencrypt(file, passphrase);
      } finally {
        Arrays.fill(passphrase, '\0');
      }
      context.out().println("re-encrypted " + file + ": " + KeyFiles.encryption(file));
      context.out().println("(was " + before + "; same key, same passphrase)");
    }
  }

  private static void print(CliContext context, KeyView view) {
    if (view.name() != null) {
      context.out().println("name:       " + view.name());
    }
    context.out().println("key id:     " + view.keyId());
    context.out().println("public key: " + view.publicKey());
    context
        .out()
        .println(
            "file:       "
                + view.file()
                + (view.encrypted() ? " (encrypted)" : " (NOT encrypted)"));
  }
}
