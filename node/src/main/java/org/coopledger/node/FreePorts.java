package org.coopledger.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks a TCP port that is free now, for a server that binds it a moment later (a node started as a
 * process, a Raft peer whose address its peers must know in advance).
 *
 * <p>A port the kernel hands out for {@code bind(0)} lies in its ephemeral range, the range it also
 * takes the local ports of outgoing connections from: in the moment between choosing and binding,
 * or while a killed node is restarted on its old port, any connection on the machine may take it.
 * So ports are drawn from just below that range (read from {@code
 * /proc/sys/net/ipv4/ip_local_port_range}), where only a listening server can hold one, and each is
 * checked by binding it. Where the range cannot be read, the kernel's choice is used.
 */
public final class FreePorts {
  private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int SPAN = 10_000;
  private static final int LOWEST = 1024;
  private static final int ATTEMPTS = 1_000;

  /** Every port picked in this JVM, never picked again: the servers may not have bound them yet. */
  private static final Set<Integer> PICKED = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  /** A port free on 127.0.0.1 now. */
  public static int pick() {
    return pick(InetAddress.getLoopbackAddress().getHostAddress(), new HashSet<>());
  }

  /**
   * A port free on {@code host} now, not in {@code taken} (ports chosen for servers that have not
   * bound them yet), to which it is added, and never picked before in this JVM.
   */
  public static int pick(String host, Set<Integer> taken) {
    int low = ephemeralLow();
    int from = Math.max(LOWEST, low - SPAN);
    if (low - from >= 100) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int i = 0; i < ATTEMPTS; i++) {
        int port = random.nextInt(from, low);
        if (!taken.contains(port) && bindable(host, port) && PICKED.add(port)) {
          taken.add(port);
          return port;
        }
      }
    }
    for (int i = 0; i < ATTEMPTS; i++) {
      int port = kernelChoice(host);
      if (!taken.contains(port) && PICKED.add(port)) {
        taken.add(port);
        return port;
      }
    }
    throw new UncheckedIOException(new IOException("no free TCP port on " + host));
  }

  /** The first port of the kernel's ephemeral range; 0 where it cannot be read. */
  static int ephemeralLow() {
    try {
      // Files.readString trusts the size a /proc file reports, which is wrong: read it as a stream.
      try (BufferedReader in = Files.newBufferedReader(RANGE, StandardCharsets.US_ASCII)) {
        String line = in.readLine();
        return line == null ? 0 : Integer.parseInt(line.trim().split("\\s+")[0]);
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static boolean bindable(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(host, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int kernelChoice(String host) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(host, 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind any TCP port on " + host, e);
    }
  }
}
