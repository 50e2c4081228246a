package org.coopledger.governance.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.coopledger.governance.error.VerificationException;
import org.junit.jupiter.api.Test;

/**
 * The published RFC 6962 test vectors of the eight-leaf tree (transparency-dev/merkle,
 * proof/verify_test.go, which carries them over from Certificate Transparency), and the corruptions
 * that project checks every known-good proof against.
 */
class Rfc6962VectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  private static final List<byte[]> LEAVES =
      List.of(
          bytes(""),
          bytes("00"),
          bytes("10"),
          bytes("2021"),
          bytes("3031"),
          bytes("40414243"),
          bytes("5051525354555657"),
          bytes("606162636465666768696a6b6c6d6e6f"));

  /** ROOTS.get(s) is the root of the first s leaves. */
  private static final List<Hash> ROOTS =
      hashes(
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  private static final Hash SOME_HASH =
      Hash.fromHex("abacaba000000000000000000000000000000000000000000060061e00123456");

  /** (leaf index, tree size) -> published audit path. */
  private static final Map<List<Long>, List<Hash>> INCLUSION =
      Map.of(
          List.of(0L, 8L),
          hashes(
              "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
              "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
              "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
          List.of(5L, 8L),
          hashes(
              "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
              "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
              "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
          List.of(2L, 3L),
          hashes("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
          List.of(1L, 5L),
          hashes(
              "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
              "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
              "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
          List.of(0L, 1L),
          List.of());

  /** (size1, size2) -> published consistency proof. */
  private static final Map<List<Long>, List<Hash>> CONSISTENCY =
      Map.of(
          List.of(1L, 1L),
          List.of(),
          List.of(1L, 8L),
          hashes(
              "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
              "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
              "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
          List.of(6L, 8L),
          hashes(
              "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
              "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
              "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
          List.of(2L, 5L),
          hashes(
              "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
              "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
          List.of(6L, 7L),
          hashes(
              "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
              "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
              "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));

  private final InMemoryHashSource tree = InMemoryHashSource.ofEntries(LEAVES);

  @Test
  void theEmptyTreeRootIsTheHashOfTheEmptyString() {
    assertThat(TreeHasher.EMPTY_ROOT).isEqualTo(ROOTS.get(0));
    assertThat(new InMemoryHashSource().root()).isEqualTo(ROOTS.get(0));
    assertThat(Frontier.empty().root()).isEqualTo(ROOTS.get(0));
  }

  @Test
  void rootsOfEveryPrefixMatchThePublishedRoots() {
    Frontier frontier = Frontier.empty();
    for (int size = 0; size <= LEAVES.size(); size++) {
      assertThat(tree.root(size)).as("root of size %d", size).isEqualTo(ROOTS.get(size));
      assertThat(frontier.root()).as("frontier root of size %d", size).isEqualTo(ROOTS.get(size));
      if (size < LEAVES.size()) {
        frontier = frontier.append(TreeHasher.leafHash(LEAVES.get(size))).frontier();
      }
    }
  }

  @Test
  void generatedInclusionProofsEqualThePublishedOnesAndVerify() {
    INCLUSION.forEach(
        (key, published) -> {
          long index = key.get(0);
          long size = key.get(1);
          InclusionProof proof = tree.inclusionProof(index, size);
          assertThat(proof.path())
              .as("path of leaf %d in size %d", index, size)
              .isEqualTo(published);
          proof.verify(tree.leafHash(index), ROOTS.get((int) size));
        });
  }

  @Test
  void everyCorruptionOfAPublishedInclusionProofIsRejected() {
    INCLUSION.forEach(
        (key, path) -> {
          long index = key.get(0);
          long size = key.get(1);
          Hash root = ROOTS.get((int) size);
          Hash leaf = tree.leafHash(index);
          assertInclusionFails(index - 1, size, leaf, path, root);
          assertInclusionFails(index + 1, size, leaf, path, root);
          assertInclusionFails(index ^ 2, size, leaf, path, root);
          assertInclusionFails(index, size * 2, leaf, path, root);
          assertInclusionFails(index, size / 2, leaf, path, root);
          assertInclusionFails(
              index, size, TreeHasher.leafHash(bytes("57726f6e674c656166")), path, root);
          assertInclusionFails(index, size, leaf, path, TreeHasher.EMPTY_ROOT);
          assertInclusionFails(index, size, leaf, path, SOME_HASH);
          assertInclusionFails(index, size, leaf, with(path, path.size(), root), root);
          assertInclusionFails(index, size, leaf, with(path, 0, root), root);
          for (int i = 0; i < path.size(); i++) {
            assertInclusionFails(index, size, leaf, flipBit(path, i, 3), root);
          }
          if (!path.isEmpty()) {
            assertInclusionFails(index, size, leaf, path.subList(0, path.size() - 1), root);
          }
          if (path.size() > 1) {
            assertInclusionFails(index, size, leaf, with(path, 1, SOME_HASH), root);
          }
        });
  }

  @Test
  void inclusionInAnEmptyOrTooSmallTreeIsRejected() {
    long[][] probes = {{0, 0}, {0, 1}, {1, 0}, {2, 1}};
    for (long[] probe : probes) {
      assertInclusionFails(probe[0], probe[1], SOME_HASH, List.of(), TreeHasher.EMPTY_ROOT);
    }
  }

  @Test
  void generatedConsistencyProofsEqualThePublishedOnesAndVerify() {
    CONSISTENCY.forEach(
        (key, published) -> {
          long size1 = key.get(0);
          long size2 = key.get(1);
          ConsistencyProof proof = tree.consistencyProof(size1, size2);
          assertThat(proof.path()).as("proof %d -> %d", size1, size2).isEqualTo(published);
          proof.verify(ROOTS.get((int) size1), ROOTS.get((int) size2));
        });
  }

  @Test
  void everyCorruptionOfAPublishedConsistencyProofIsRejected() {
    CONSISTENCY.forEach(
        (key, path) -> {
          if (path.isEmpty()) {
            return;
          }
          long m = key.get(0);
          long n = key.get(1);
          Hash root1 = ROOTS.get((int) m);
          Hash root2 = ROOTS.get((int) n);
          assertConsistencyFails(m - 1, n, root1, root2, path);
          assertConsistencyFails(m + 1, n, root1, root2, path);
          assertConsistencyFails(m ^ 2, n, root1, root2, path);
          assertConsistencyFails(m, n * 2, root1, root2, path);
          assertConsistencyFails(m, n / 2, root1, root2, path);
          assertConsistencyFails(m, n, SOME_HASH, root2, path);
          assertConsistencyFails(m, n, root1, SOME_HASH, path);
          assertConsistencyFails(m, n, root2, root1, path);
          assertConsistencyFails(m, n, root1, root2, List.of());
          assertConsistencyFails(m, n, root1, root2, with(path, path.size(), root1));
          assertConsistencyFails(m, n, root1, root2, with(path, path.size(), root2));
          assertConsistencyFails(m, n, root1, root2, with(path, 0, root1));
          assertConsistencyFails(m, n, root1, root2, with(path, 0, root2));
          assertConsistencyFails(m, n, root1, root2, with(path, 0, path.get(0)));
          assertConsistencyFails(m, n, root1, root2, path.subList(0, path.size() - 1));
          for (int i = 0; i < path.size(); i++) {
            assertConsistencyFails(m, n, root1, root2, flipBit(path, i, 4));
          }
        });
  }

  @Test
  void trivialConsistencyHoldsOnlyWithMatchingRootsAndAnEmptyProof() {
    Hash a = ROOTS.get(1);
    Hash b = ROOTS.get(2);
    Hash empty = TreeHasher.EMPTY_ROOT;
    ProofVerifier.verifyConsistency(0, 0, empty, empty, List.of());
    ProofVerifier.verifyConsistency(0, 1, empty, a, List.of());
    ProofVerifier.verifyConsistency(1, 1, a, a, List.of());
    assertConsistencyFails(1, 1, a, b, List.of());
    assertConsistencyFails(0, 1, a, a, List.of()); // size 0 with a non-empty root
    assertConsistencyFails(1, 0, a, b, List.of());
    assertConsistencyFails(2, 1, a, b, List.of());
    assertConsistencyFails(1, 2, a, b, List.of());
    assertConsistencyFails(0, 0, empty, empty, List.of(empty));
    assertConsistencyFails(0, 1, empty, a, List.of(empty));
    assertConsistencyFails(1, 1, a, a, List.of(empty));
  }

  @Test
  void failuresCarryAStableCodeAndSayWhatDidNotMatch() {
    assertThatThrownBy(() -> tree.inclusionProof(5, 8).verify(tree.leafHash(5), ROOTS.get(7)))
        .isInstanceOf(VerificationException.class)
        .satisfies(
            e -> assertThat(((VerificationException) e).code()).isEqualTo("BAD_INCLUSION_PROOF"))
        .hasMessageContaining("leaf 5 in a tree of size 8")
        .hasMessageContaining("expected root " + ROOTS.get(7).hex());
    assertThatThrownBy(() -> tree.consistencyProof(6, 8).verify(ROOTS.get(6), ROOTS.get(7)))
        .isInstanceOf(VerificationException.class)
        .satisfies(
            e -> assertThat(((VerificationException) e).code()).isEqualTo("BAD_CONSISTENCY_PROOF"))
        .hasMessageContaining("from size 6 to size 8")
        .hasMessageContaining("expected new root " + ROOTS.get(7).hex());
  }

  static void assertInclusionFails(long index, long size, Hash leaf, List<Hash> path, Hash root) {
    assertThatThrownBy(() -> ProofVerifier.verifyInclusion(index, size, leaf, path, root))
        .as("inclusion of leaf %d in size %d with %d hashes", index, size, path.size())
        .isInstanceOf(VerificationException.class)
        .satisfies(
            e ->
                assertThat(((VerificationException) e).code())
                    .isEqualTo(ProofVerifier.BAD_INCLUSION_PROOF));
  }

  static void assertConsistencyFails(
      long size1, long size2, Hash root1, Hash root2, List<Hash> path) {
    assertThatThrownBy(() -> ProofVerifier.verifyConsistency(size1, size2, root1, root2, path))
        .as("consistency %d -> %d with %d hashes", size1, size2, path.size())
        .isInstanceOf(VerificationException.class)
        .satisfies(
            e ->
                assertThat(((VerificationException) e).code())
                    .isEqualTo(ProofVerifier.BAD_CONSISTENCY_PROOF));
  }

  /** A copy of {@code path} with {@code extra} inserted at {@code position}. */
  static List<Hash> with(List<Hash> path, int position, Hash extra) {
    List<Hash> copy = new ArrayList<>(path);
    copy.add(position, extra);
    return copy;
  }

  /** A copy of {@code path} with one bit of element {@code index} flipped. */
  static List<Hash> flipBit(List<Hash> path, int index, int bit) {
    List<Hash> copy = new ArrayList<>(path);
    byte[] bytes = copy.get(index).bytes();
    bytes[0] ^= (byte) (1 << bit);
    copy.set(index, Hash.of(bytes));
    return copy;
  }

  private static byte[] bytes(String hex) {
    return HEX.parseHex(hex);
  }

  private static List<Hash> hashes(String... hex) {
    return java.util.Arrays.stream(hex).map(Hash::fromHex).toList();
  }
}
