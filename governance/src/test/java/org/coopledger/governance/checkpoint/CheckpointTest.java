package org.coopledger.governance.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.coopledger.governance.checkpoint.Rejections.assertRejected;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckpointTest {
  private static final byte[] ROOT = root();
  private static final String ROOT64 = Base64.getEncoder().encodeToString(ROOT);

  private static byte[] root() {
    byte[] root = new byte[32];
    root[0] = 7;
    return root;
  }

  @Test
  void bodyIsOriginSizeAndBase64RootEachEndingInANewline() {
    Checkpoint cp = new Checkpoint("coop.example/ledger", 42, ROOT.clone());
    assertThat(cp.body()).isEqualTo("coop.example/ledger\n42\n" + ROOT64 + "\n");
  }

  @Test
  void parsingTheBodyGivesBackAnEqualCheckpointIncludingExtensions() {
    Checkpoint plain = new Checkpoint("coop.example/ledger", 0, ROOT.clone());
    Checkpoint extended =
        new Checkpoint("coop.example/ledger", 9, ROOT.clone(), List.of("ext one", "two"));
    assertThat(Checkpoint.parse(plain.body())).isEqualTo(plain);
    assertThat(Checkpoint.parse(extended.body())).isEqualTo(extended);
    assertThat(Checkpoint.parse(extended.body()).extensions()).containsExactly("ext one", "two");
  }

  @Test
  void theRootHashIsCopiedInAndOut() {
    byte[] root = ROOT.clone();
    Checkpoint cp = new Checkpoint("o", 1, root);
    root[0] = 99;
    cp.rootHash()[1] = 99;
    assertThat(cp.rootHash()).isEqualTo(ROOT);
  }

  @Test
  void constructorRejectsInvalidValues() {
    assertThatThrownBy(() -> new Checkpoint("", 1, ROOT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint("a\nb", 1, ROOT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint("o", -1, ROOT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint("o", 1, new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint("o", 1, ROOT, List.of("")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "size {0}")
  @CsvSource({"01", "00", "+1", "-1", "'1 '", "' 1'", "1e3", "0x10", "9223372036854775808", "١٢"})
  void sizeMustBeAsciiDecimalWithoutLeadingZerosWithinRange(String size) {
    String expected = size.equals("9223372036854775808") ? "exceeds 2^63-1" : "tree size";
    assertRejected(
        () -> Checkpoint.parse("o\n" + size + "\n" + ROOT64 + "\n"),
        "MALFORMED_CHECKPOINT",
        expected);
  }

  @Test
  void zeroIsTheOnlySizeThatMayStartWithZero() {
    assertThat(Checkpoint.parse("o\n0\n" + ROOT64 + "\n").size()).isZero();
  }

  @Test
  void rootMustBeCanonicalBase64OfThirtyTwoBytes() {
    String unpadded = ROOT64.substring(0, ROOT64.length() - 1);
    String shortRoot = Base64.getEncoder().encodeToString(new byte[31]);
    // 'B' instead of 'A' before the padding changes only bits the decoder drops.
    String nonCanonical = ROOT64.substring(0, ROOT64.length() - 2) + "B=";
    for (String root : List.of(unpadded, shortRoot, nonCanonical, "not base64!", ROOT64 + " ")) {
      assertRejected(
          () -> Checkpoint.parse("o\n1\n" + root + "\n"), "MALFORMED_CHECKPOINT", "root hash");
    }
  }

  @Test
  void textMustEndWithANewlineAndHaveNoEmptyLines() {
    assertRejected(
        () -> Checkpoint.parse("o\n1\n" + ROOT64), "MALFORMED_CHECKPOINT", "end with a newline");
    assertRejected(
        () -> Checkpoint.parse("o\n1\n" + ROOT64 + "\n\n"), "MALFORMED_CHECKPOINT", "line 4");
    assertRejected(
        () -> Checkpoint.parse("\n1\n" + ROOT64 + "\n"), "MALFORMED_CHECKPOINT", "line 1");
    assertRejected(
        () -> Checkpoint.parse("o\n1\n" + ROOT64 + "\next\n\n"), "MALFORMED_CHECKPOINT", "line 5");
  }

  @Test
  void fewerThanThreeLinesAreRejected() {
    assertRejected(() -> Checkpoint.parse("o\n1\n"), "MALFORMED_CHECKPOINT", "at least 3 lines");
    assertRejected(() -> Checkpoint.parse(""), "MALFORMED_CHECKPOINT", "newline");
  }

  @Test
  void carriageReturnLineEndingsAreRejected() {
    assertRejected(
        () -> Checkpoint.parse("o\r\n1\r\n" + ROOT64 + "\r\n"), "MALFORMED_CHECKPOINT", "U+000D");
  }
}
