package org.coopledger.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {
  @Test
  void picksBindablePortsBelowTheKernelsEphemeralRangeAndNeverOneAlreadyTaken() throws Exception {
    int low = FreePorts.ephemeralLow();
    assumeTrue(low > 2_000, "this kernel's ephemeral range is not readable");
    Set<Integer> taken = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      int port = FreePorts.pick("127.0.0.1", taken);
      assertThat(port).isBetween(1024, low - 1);
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress("127.0.0.1", port));
      }
    }
    assertThat(taken).as("each port picked once, and recorded").hasSize(50);
  }
}
