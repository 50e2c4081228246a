package org.coopledger.contracts.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.coopledger.contracts.chain.Bytes32;
import org.coopledger.contracts.chain.ChainException;
import org.coopledger.contracts.chain.EthAddress;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint64;

class AnchorAbiTest {
  private static final LedgerId LEDGER =
      LedgerId.of(EthAddress.parse("0x" + "ab".repeat(20)), name());

  @Test
  void everySignatureTheClientUsesIsInTheCompiledAbi() throws Exception {
    List<String> abi = signatures("function");
    assertThat(abi)
        .contains(
            AnchorAbi.REGISTER,
            AnchorAbi.SET_ANCHORER,
            AnchorAbi.ANCHOR,
            AnchorAbi.LATEST,
            AnchorAbi.ADMIN_OF,
            AnchorAbi.IS_ANCHORER);
    assertThat(signatures("error"))
        .containsExactlyInAnyOrder(
            AnchorAbi.ERR_ALREADY_REGISTERED,
            AnchorAbi.ERR_NOT_ADMIN,
            AnchorAbi.ERR_NOT_ANCHORER,
            AnchorAbi.ERR_TREE_SIZE_NOT_GROWING);
    assertThat(signatures("event")).contains("Anchored(bytes32,uint64,bytes32)");
  }

  @Test
  void encodedCallsStartWithTheSelectorOfTheirSignature() {
    assertThat(AnchorAbi.register(name())).startsWith(AnchorAbi.selector(AnchorAbi.REGISTER));
    assertThat(AnchorAbi.anchor(LEDGER, 42, name()))
        .startsWith(AnchorAbi.selector(AnchorAbi.ANCHOR))
        .hasSize(2 + 8 + 3 * 64);
    assertThat(AnchorAbi.latest(LEDGER)).startsWith(AnchorAbi.selector(AnchorAbi.LATEST));
    assertThat(AnchorAbi.anchoredTopic())
        .isEqualTo(org.web3j.crypto.Hash.sha3String("Anchored(bytes32,uint64,bytes32)"));
  }

  @Test
  void aTreeSizeRevertBecomesASpecificError() {
    String revert =
        AnchorAbi.selector(AnchorAbi.ERR_TREE_SIZE_NOT_GROWING)
            + FunctionEncoder.encodeConstructor(
                List.<Type>of(
                    new org.web3j.abi.datatypes.generated.Bytes32(LEDGER.value().toArray()),
                    new Uint64(BigInteger.TEN),
                    new Uint64(BigInteger.TWO)));

    ChainException explained = AnchorReader.explain(reverted(revert));

    assertThat(explained).isInstanceOf(AnchorException.class);
    assertThat(explained.code()).isEqualTo(AnchorException.TREE_SIZE_NOT_GROWING);
    assertThat(explained.getMessage()).contains(LEDGER.toString(), "tree size 10");
  }

  @Test
  void aNotAnchorerRevertNamesTheAccount() {
    String account = "0x" + "cd".repeat(20);
    String revert =
        AnchorAbi.selector(AnchorAbi.ERR_NOT_ANCHORER)
            + FunctionEncoder.encodeConstructor(
                List.<Type>of(
                    new org.web3j.abi.datatypes.generated.Bytes32(LEDGER.value().toArray()),
                    new Address(account)));

    ChainException explained = AnchorReader.explain(reverted(revert));

    assertThat(explained.code()).isEqualTo(AnchorException.NOT_ANCHORER);
    assertThat(explained.getMessage()).contains(account);
  }

  @Test
  void anUnknownRevertIsPassedThroughUnchanged() {
    ChainException unknown = reverted("0xdeadbeef");

    assertThat(AnchorReader.explain(unknown)).isSameAs(unknown);
  }

  private static ChainException reverted(String data) {
    return ChainException.reverted("eth_estimateGas reverted", data);
  }

  private static Bytes32 name() {
    return LedgerId.nameOf("test co-op");
  }

  private static List<String> signatures(String kind) throws Exception {
    JsonNode abi = new ObjectMapper().readTree(ContractArtifact.abiJson());
    List<String> out = new ArrayList<>();
    for (JsonNode entry : abi) {
      if (entry.path("type").asText().equals(kind)) {
        String types =
            StreamSupport.stream(entry.path("inputs").spliterator(), false)
                .map(input -> input.path("type").asText())
                .collect(Collectors.joining(","));
        out.add(entry.path("name").asText() + "(" + types + ")");
      }
    }
    return out;
  }
}
