package org.coopledger.contracts.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.Response;

class EthRpcTest {
  @Test
  void revertDataIsFoundInGanachesJsonObjectAndNotConfusedWithTheTransactionHash() {
    Response.Error error = new Response.Error(-32000, "VM Exception: revert");
    error.setData(
        "{\"hash\":\"0x"
            + "11".repeat(32)
            + "\",\"programCounter\":760,"
            + "\"result\":\"0x0529a7e5aa\",\"reason\":null,\"message\":\"revert\"}");

    assertThat(EthRpc.revertDataOf(error)).isEqualTo("0x0529a7e5aa");
  }

  @Test
  void revertDataIsTakenAsIsFromGethsPlainHex() {
    Response.Error error = new Response.Error(3, "execution reverted");
    error.setData("0x0529a7e5aa");

    assertThat(EthRpc.revertDataOf(error)).isEqualTo("0x0529a7e5aa");
  }

  @Test
  void anErrorWithoutDataHasNoRevertData() {
    assertThat(EthRpc.revertDataOf(new Response.Error(-32000, "nonce too low"))).isNull();
  }
}
