package org.coopledger.governance.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HashTest {
  private static final String EMPTY_HEX =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void hexAndBase64RoundTrip() {
    Hash hash = Hash.fromHex(EMPTY_HEX);
    assertThat(hash.hex()).isEqualTo(EMPTY_HEX);
    assertThat(hash.base64()).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    assertThat(Hash.fromBase64(hash.base64())).isEqualTo(hash);
    assertThat(Hash.fromHex(EMPTY_HEX.toUpperCase(java.util.Locale.ROOT))).isEqualTo(hash);
  }

  @Test
  void aHashIsExactlyThirtyTwoBytes() {
    assertThatThrownBy(() -> Hash.of(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes, got 31");
    assertThatThrownBy(() -> Hash.fromHex("abcd")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hash.fromBase64("not base64!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a base64");
  }

  @Test
  void aHashCannotBeChangedThroughItsBytes() {
    byte[] bytes = new byte[32];
    Hash hash = Hash.of(bytes);
    bytes[0] = 1;
    hash.bytes()[1] = 1;
    assertThat(hash).isEqualTo(Hash.of(new byte[32]));
  }

  @Test
  void leafAndNodeHashesUseDistinctPrefixes() {
    // A node's 64 bytes of children, hashed as a leaf, must not give the node hash.
    Hash left = TreeHasher.leafHash(new byte[] {1});
    Hash right = TreeHasher.leafHash(new byte[] {2});
    byte[] children = new byte[64];
    System.arraycopy(left.bytes(), 0, children, 0, 32);
    System.arraycopy(right.bytes(), 0, children, 32, 32);
    assertThat(TreeHasher.leafHash(children)).isNotEqualTo(TreeHasher.nodeHash(left, right));
  }
}
