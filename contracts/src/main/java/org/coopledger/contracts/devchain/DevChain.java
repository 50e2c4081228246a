package org.coopledger.contracts.devchain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.coopledger.contracts.anchor.AnchorClient;
import org.coopledger.contracts.chain.Bytes32;
import org.coopledger.contracts.chain.ChainException;
import org.coopledger.contracts.chain.EthAddress;
import org.coopledger.contracts.chain.EthRpc;
import org.web3j.crypto.ContractUtils;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * A running local Ethereum chain: Ganache on 127.0.0.1, chain id 1337, hardfork shanghai, with
 * {@link #ACCOUNTS} deterministic funded accounts and CheckpointAnchor deployed from account 0 (so
 * the contract address is the same on every start). Nothing persists: every start is a fresh chain.
 * Close it to stop Ganache; a JVM shutdown hook stops it too if the owner forgets.
 */
public final class DevChain implements AutoCloseable {
  public static final long CHAIN_ID = 1337;
  public static final int ACCOUNTS = 10;
  private static final String BALANCE_WEI = "1000000000000000000000"; // 1000 ether each
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Thread shutdownHook;
  private final Path logFile;
  private final URI rpcUrl;
  private final EthRpc rpc;
  private final EthAddress contract;
  private volatile boolean stopRequested;

  private DevChain(Process process, Path logFile, URI rpcUrl, EthRpc rpc, EthAddress contract) {
    this.process = process;
    this.logFile = logFile;
    this.rpcUrl = rpcUrl;
    this.rpc = rpc;
    this.contract = contract;
    this.shutdownHook =
        new Thread(
            () -> {
              stopRequested = true;
              stop(process);
            },
            "devchain-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts Ganache on a free port using the executable found by {@link #findGanache()}. */
  public static DevChain start() {
    return start(findGanache(), 0);
  }

  /**
   * Starts Ganache, waits until it answers, and deploys CheckpointAnchor.
   *
   * @param ganache the {@code ganache} executable (e.g. {@code
   *     contracts/node_modules/.bin/ganache})
   * @param port the port to listen on, or 0 for a free one
   */
  public static DevChain start(Path ganache, int port) {
    int attempts = port == 0 ? 3 : 1;
    for (int attempt = 1; ; attempt++) {
      int chosen = port == 0 ? freePort() : port;
      try {
        return startOn(ganache, chosen);
      } catch (PortTakenException e) {
        if (attempt >= attempts) {
          throw new IllegalStateException(
              "port " + chosen + " on 127.0.0.1 is taken; choose another one", e);
        }
      }
    }
  }

  /** The deterministic private key of dev account {@code index} (0 deploys the contract). */
  public static Credentials account(int index) {
    if (index < 0 || index >= ACCOUNTS) {
      throw new IllegalArgumentException("dev accounts are numbered 0.." + (ACCOUNTS - 1));
    }
    byte[] seed = ("coopledger dev account " + index).getBytes(StandardCharsets.UTF_8);
    return Credentials.create(Bytes32.keccak256(seed).hex());
  }

  /** Where CheckpointAnchor is on every dev chain: account 0's first contract. */
  public static EthAddress expectedContract() {
    return EthAddress.parse(
        ContractUtils.generateContractAddress(account(0).getAddress(), BigInteger.ZERO));
  }

  /**
   * Finds the ganache executable: system property {@code coop.ganache}, environment variable {@code
   * COOP_GANACHE}, else {@code contracts/node_modules/.bin/ganache} (or {@code
   * node_modules/.bin/ganache}) in the working directory or one of its parents.
   */
  public static Path findGanache() {
    String configured = System.getProperty("coop.ganache", System.getenv("COOP_GANACHE"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      for (Path candidate :
          List.of(
              dir.resolve("contracts/node_modules/.bin/ganache"),
              dir.resolve("node_modules/.bin/ganache"))) {
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException(
        "cannot find ganache: build the project once (./mvnw -pl contracts -am verify runs npm ci"
            + " in contracts/), or set COOP_GANACHE to a ganache executable");
  }

  public URI rpcUrl() {
    return rpcUrl;
  }

  public int port() {
    return rpcUrl.getPort();
  }

  /** The deployed CheckpointAnchor. */
  public EthAddress contract() {
    return contract;
  }

  /** A JSON-RPC client of this chain, closed with it. */
  public EthRpc rpc() {
    return rpc;
  }

  /** Ganache's output, for diagnosing a failure. */
  public Path logFile() {
    return logFile;
  }

  /**
   * Freezes Ganache (SIGSTOP) without losing its state: it stops answering, as a chain that is down
   * or cut off would, until {@link #resume()}. For failure tests.
   */
  public void pause() {
    signal("-STOP");
  }

  /** Lets a {@link #pause() paused} Ganache run again (SIGCONT). */
  public void resume() {
    signal("-CONT");
  }

  private void signal(String which) {
    try {
      Process kill = new ProcessBuilder("kill", which, Long.toString(process.pid())).start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill " + which + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot signal ganache", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling ganache", e);
    }
  }

  /**
   * Blocks until Ganache exits on its own (it crashed or was killed) and returns its exit code.
   * Interrupting the waiting thread is the way to stop waiting; {@link #close()} still stops it.
   */
  public int awaitExit() throws InterruptedException {
    return process.waitFor();
  }

  /** Whether Ganache was stopped on purpose ({@link #close()} or JVM shutdown), not crashed. */
  public boolean stopRequested() {
    return stopRequested;
  }

  @Override
  public void close() {
    stopRequested = true;
    rpc.close();
    stop(process);
    try {
      Files.deleteIfExists(logFile);
    } catch (IOException e) {
      // Only a temp file left behind.
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down and the hook is running or ran.
    }
  }

  private static DevChain startOn(Path ganache, int port) {
    if (!Files.isExecutable(ganache)) {
      throw new IllegalStateException(
          ganache + " is not an executable ganache; run `npm ci` in contracts/ first");
    }
    Path log;
    try {
      log = Files.createTempFile("coopledger-ganache-" + port + "-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a log file for ganache", e);
    }
    List<String> command = new ArrayList<>(List.of(ganache.toString()));
    command.addAll(
        List.of(
            "--server.host",
            "127.0.0.1",
            "--server.port",
            Integer.toString(port),
            "--chain.chainId",
            Long.toString(CHAIN_ID),
            "--chain.hardfork",
            "shanghai"));
    IntStream.range(0, ACCOUNTS)
        .forEach(
            i -> {
              String secret =
                  Numeric.toHexStringWithPrefixZeroPadded(
                      account(i).getEcKeyPair().getPrivateKey(), 64);
              command.addAll(List.of("--wallet.accounts", secret + "," + BALANCE_WEI));
            });
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + ganache + " (is node on the PATH?)", e);
    }
    URI url = URI.create("http://127.0.0.1:" + port);
    EthRpc rpc = EthRpc.connect(url, Duration.ofSeconds(5), Duration.ofSeconds(30));
    try {
      awaitRpc(process, rpc, log);
      EthAddress contract = AnchorClient.deploy(rpc, account(0));
      return new DevChain(process, log, url, rpc, contract);
    } catch (RuntimeException e) {
      rpc.close();
      stop(process);
      throw e;
    }
  }

  private static void awaitRpc(Process process, EthRpc rpc, Path log) {
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (true) {
      if (!process.isAlive()) {
        String output = tail(log);
        if (output.contains("EADDRINUSE")) {
          throw new PortTakenException(output);
        }
        throw new IllegalStateException(
            "ganache exited with " + process.exitValue() + ":\n" + output);
      }
      try {
        long id = rpc.chainId();
        if (id != CHAIN_ID) {
          throw new IllegalStateException("ganache reports chain id " + id + ", not " + CHAIN_ID);
        }
        return;
      } catch (ChainException e) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "ganache did not answer on " + rpc.endpoint() + " within " + STARTUP_TIMEOUT, e);
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting ganache", e);
      }
    }
  }

  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** Ganache could not bind its port; a new free port may work. */
  private static final class PortTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String output) {
      super(output);
    }
  }
}
