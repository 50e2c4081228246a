package org.coopledger.contracts.devchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import org.coopledger.contracts.anchor.Anchor;
import org.coopledger.contracts.anchor.AnchorClient;
import org.coopledger.contracts.anchor.LedgerId;
import org.coopledger.contracts.chain.ChainException;
import org.coopledger.contracts.chain.EthAddress;
import org.coopledger.contracts.chain.EthRpc;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ContractUtils;

class DevChainIT {
  @Test
  void aDevChainRunsChainId1337OnLoopbackWithTheContractAtADeterministicAddress() {
    try (DevChain chain = DevChain.start()) {
      assertThat(chain.rpcUrl().getHost()).isEqualTo("127.0.0.1");
      assertThat(chain.rpc().chainId()).isEqualTo(1337);
      String expected =
          ContractUtils.generateContractAddress(DevChain.account(0).getAddress(), BigInteger.ZERO);
      assertThat(chain.contract()).isEqualTo(EthAddress.parse(expected));

      // Every dev account is funded: a fresh one can register and anchor at once.
      AnchorClient last = new AnchorClient(chain.rpc(), chain.contract(), DevChain.account(9));
      LedgerId ledger = last.register(LedgerId.nameOf("dev"));
      assertThat(last.anchor(ledger, 1, LedgerId.nameOf("root")).gasUsed()).isPositive();
    }
  }

  @Test
  void theDevAccountsAreTheSameOnEveryRun() {
    assertThat(DevChain.account(0).getAddress()).isEqualTo(DevChain.account(0).getAddress());
    assertThat(DevChain.account(0).getAddress()).isNotEqualTo(DevChain.account(1).getAddress());
    assertThatThrownBy(() -> DevChain.account(DevChain.ACCOUNTS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClosedDevChainNoLongerAnswersAndItsPortIsFree() {
    DevChain chain = DevChain.start();
    int port = chain.port();
    chain.close();

    try (EthRpc rpc =
        EthRpc.connect(chain.rpcUrl(), Duration.ofSeconds(2), Duration.ofSeconds(2))) {
      assertThatThrownBy(rpc::blockNumber)
          .isInstanceOfSatisfying(
              ChainException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ChainException.UNAVAILABLE);
                assertThat(e.retryable()).isTrue();
              });
    }
    // The same port can host a new chain right away.
    try (DevChain again = DevChain.start(DevChain.findGanache(), port)) {
      assertThat(again.port()).isEqualTo(port);
      assertThat(again.contract()).isEqualTo(chain.contract());
    }
  }

  @Test
  void aPausedChainStopsAnsweringAndResumesWithItsState() {
    try (DevChain chain = DevChain.start()) {
      AnchorClient client = new AnchorClient(chain.rpc(), chain.contract(), DevChain.account(1));
      LedgerId ledger = client.register(LedgerId.nameOf("paused"));
      Anchor anchored = client.anchor(ledger, 5, LedgerId.nameOf("root 5")).anchor();

      chain.pause();
      try (EthRpc impatient =
          EthRpc.connect(chain.rpcUrl(), Duration.ofMillis(500), Duration.ofSeconds(1))) {
        assertThatThrownBy(impatient::blockNumber)
            .isInstanceOfSatisfying(ChainException.class, e -> assertThat(e.retryable()).isTrue());
      }
      chain.resume();

      assertThat(client.latest(ledger)).contains(anchored);
    }
  }
}
