package org.coopledger.governance.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coopledger.governance.action.Entry;
import org.coopledger.governance.action.Genesis;
import org.coopledger.governance.action.NewMember;
import org.coopledger.governance.action.RecordRevenue;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.codec.AcceptedEntry;
import org.coopledger.governance.codec.EntrySigner;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.crypto.SigningKey;
import org.junit.jupiter.api.Test;

/**
 * Pins the canonical state encoding to the byte-level test vector published in docs/governance.md
 * ("State encoding test vector"), so that another implementation can check its digests against ours
 * and any change to the encoding is a visible, deliberate protocol change.
 */
class StateEncodingVectorTest {
  /** RFC 8032, section 7.1, TEST 1: the secret key (the public key is d75a9801...511a). */
  static final String RFC8032_TEST1_SECRET =
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

  static final String RULEBOOK =
      String.join(
          "\n",
          "split: any(role(treasurer))",
          "payout: any(role(treasurer))",
          "admit: any(role(treasurer))",
          "remove: any(role(treasurer))",
          "change-roles: any(role(treasurer))",
          "rulebook: any(role(treasurer))",
          "decision: any(role(treasurer))",
          "revenue: any(role(treasurer))",
          "recover-key: any(role(treasurer))");

  /** The vector's ledger: sam founds "Vector Co-op" with a 100 % split and records 123.45 EUR. */
  static CoopState vectorState() {
    SigningKey sam = SigningKey.fromSeed(HexFormat.of().parseHex(RFC8032_TEST1_SECRET));
    Entry genesis =
        new Entry(
            "vector-coop",
            sam.id(),
            1,
            1_767_225_600_000L,
            1_767_225_660_000L,
            new Genesis(
                "Vector Co-op",
                List.of(new NewMember(sam.publicKey(), "sam", List.of("treasurer"))),
                RULEBOOK,
                List.of(new Share(MemberId.joiningWith(sam.id()), 10_000))));
    Entry revenue =
        new Entry(
            "vector-coop",
            sam.id(),
            2,
            1_767_225_601_000L,
            1_767_225_661_000L,
            new RecordRevenue(12_345, "EUR", "workshop", ""));
    CoopState state = CoopState.empty();
    long at = 1_767_225_600_500L;
    for (Entry entry : List.of(genesis, revenue)) {
      EntryOutcome outcome =
          StateMachine.apply(
              state, new AcceptedEntry(EntrySigner.sign(entry, sam), at), SignatureVerifier.CRYPTO);
      assertThat(outcome).isInstanceOf(EntryOutcome.Applied.class);
      state = outcome.state();
      at += 1000;
    }
    return state;
  }

  @Test
  void printsTheVectorWhenAsked() {
    if (Boolean.getBoolean("coop.vector.print")) {
      CoopState state = vectorState();
      System.out.println("VECTOR-HEX " + HexFormat.of().formatHex(state.encode()));
      System.out.println("VECTOR-DIGEST " + state.digestHex());
    }
  }

  @Test
  void theCanonicalEncodingAndDigestMatchThePublishedVector() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "governance.md"), StandardCharsets.UTF_8);
    Matcher block =
        Pattern.compile("```text\\n# state-vector\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(block.find()).as("docs/governance.md has the state-vector block").isTrue();
    StringBuilder hex = new StringBuilder();
    String digest = null;
    for (String line : block.group(1).split("\n")) {
      String data = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
      if (data.startsWith("sha256:")) {
        digest = data.substring("sha256:".length()).strip();
      } else {
        hex.append(data.replace(" ", ""));
      }
    }

    CoopState state = vectorState();
    String encoded = HexFormat.of().formatHex(state.encode());

    assertThat(encoded).as("canonical state encoding").isEqualTo(hex.toString());
    assertThat(state.digestHex()).as("state digest").isEqualTo(digest);
    assertThat(CoopState.decode(HexFormat.of().parseHex(hex.toString()))).isEqualTo(state);
  }
}
