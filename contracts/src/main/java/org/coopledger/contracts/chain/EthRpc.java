package org.coopledger.contracts.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The few Ethereum JSON-RPC calls coopledger needs: read-only calls, logs, and signed EIP-1559
 * transactions that are waited for until mined. Every failure is a {@link ChainException}; a
 * contract revert carries its ABI-encoded error so callers can say exactly what was refused.
 *
 * <p>Thread-safe; transactions from one instance are sent one at a time so nonces never collide.
 */
public final class EthRpc implements AutoCloseable {
  private static final Pattern HEX_DATA = Pattern.compile("0x[0-9a-fA-F]{8,}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BigInteger DEFAULT_PRIORITY_FEE = BigInteger.valueOf(1_000_000_000L);

  private final URI endpoint;
  private final Web3j web3j;
  private final Duration receiptTimeout;
  private volatile long chainId = -1;

  private EthRpc(URI endpoint, Duration requestTimeout, Duration receiptTimeout) {
    this.endpoint = endpoint;
    this.web3j = Web3j.build(new JdkHttpService(endpoint, requestTimeout));
    this.receiptTimeout = receiptTimeout;
  }

  /** Connects lazily: nothing is sent until the first call. */
  public static EthRpc connect(URI endpoint) {
    return connect(endpoint, Duration.ofSeconds(10), Duration.ofMinutes(2));
  }

  /**
   * @param requestTimeout how long one JSON-RPC request may take
   * @param receiptTimeout how long to wait for a sent transaction to be mined
   */
  public static EthRpc connect(URI endpoint, Duration requestTimeout, Duration receiptTimeout) {
    return new EthRpc(endpoint, requestTimeout, receiptTimeout);
  }

  public URI endpoint() {
    return endpoint;
  }

  public long chainId() {
    if (chainId < 0) {
      chainId = checked("eth_chainId", () -> web3j.ethChainId().send()).getChainId().longValue();
    }
    return chainId;
  }

  public long blockNumber() {
    return checked("eth_blockNumber", () -> web3j.ethBlockNumber().send())
        .getBlockNumber()
        .longValueExact();
  }

  /** The timestamp (POSIX seconds) of block {@code number}. */
  public long blockTimestamp(long number) {
    var block =
        checked(
                "eth_getBlockByNumber",
                () ->
                    web3j
                        .ethGetBlockByNumber(
                            DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
                        .send())
            .getBlock();
    if (block == null) {
      throw new ChainException(
          "NO_SUCH_BLOCK", "the chain at " + endpoint + " has no block " + number);
    }
    return block.getTimestamp().longValueExact();
  }

  /** Runs a read-only call against the latest block and returns its hex output. */
  public String call(EthAddress to, String data) {
    Transaction tx = Transaction.createEthCallTransaction(null, to.hex(), data);
    return checked("eth_call", () -> web3j.ethCall(tx, DefaultBlockParameterName.LATEST).send())
        .getValue();
  }

  /** The code deployed at {@code address} ({@code 0x} when none). */
  public String code(EthAddress address) {
    return checked(
            "eth_getCode",
            () -> web3j.ethGetCode(address.hex(), DefaultBlockParameterName.LATEST).send())
        .getCode();
  }

  /** The logs of {@code address} in blocks {@code [from, to]} whose topics match (null = any). */
  public List<Log> logs(EthAddress address, long from, long to, List<String> topics) {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
            address.hex());
    for (String topic : topics) {
      filter.addSingleTopic(topic);
    }
    List<EthLog.LogResult> results =
        checked("eth_getLogs", () -> web3j.ethGetLogs(filter).send()).getLogs();
    return results.stream().map(r -> (Log) r.get()).toList();
  }

  /** Signs and sends a call of {@code to} with {@code data}, and waits until it is mined. */
  public TxReceipt transact(Credentials key, EthAddress to, String data) {
    return toReceipt(sendAndWait(key, to, data));
  }

  /** Deploys contract creation code and returns the new contract's address once mined. */
  public EthAddress deploy(Credentials key, String creationCode) {
    TransactionReceipt receipt = sendAndWait(key, null, creationCode);
    return EthAddress.parse(receipt.getContractAddress());
  }

  private synchronized TransactionReceipt sendAndWait(Credentials key, EthAddress to, String data) {
    String from = key.getAddress();
    String toHex = to == null ? null : to.hex();
    // Simulating first turns a revert into the contract's own error instead of a paid-for
    // failed transaction.
    Transaction simulation =
        Transaction.createFunctionCallTransaction(from, null, null, null, toHex, data);
    BigInteger estimate =
        checked("eth_estimateGas", () -> web3j.ethEstimateGas(simulation).send()).getAmountUsed();
    BigInteger nonce =
        checked(
                "eth_getTransactionCount",
                () -> web3j.ethGetTransactionCount(from, DefaultBlockParameterName.PENDING).send())
            .getTransactionCount();
    EthBlock.Block latest =
        checked(
                "eth_getBlockByNumber",
                () -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send())
            .getBlock();
    BigInteger baseFee = latest.getBaseFeePerGas();
    BigInteger maxFee = baseFee.shiftLeft(1).add(DEFAULT_PRIORITY_FEE);
    BigInteger gasLimit = estimate.multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(5));
    RawTransaction raw =
        RawTransaction.createTransaction(
            chainId(),
            nonce,
            gasLimit,
            toHex == null ? "" : toHex,
            BigInteger.ZERO,
            data,
            DEFAULT_PRIORITY_FEE,
            maxFee);
    String signed = Numeric.toHexString(TransactionEncoder.signMessage(raw, key));
    String hash =
        checked("eth_sendRawTransaction", () -> web3j.ethSendRawTransaction(signed).send())
            .getTransactionHash();
    TransactionReceipt receipt = awaitReceipt(hash);
    if (!receipt.isStatusOK()) {
      throw new ChainException(
          ChainException.TX_FAILED,
          "transaction "
              + hash
              + " was mined but reverted (block "
              + receipt.getBlockNumber()
              + ")");
    }
    return receipt;
  }

  private TransactionReceipt awaitReceipt(String hash) {
    Instant deadline = Instant.now().plus(receiptTimeout);
    long pauseMillis = 20;
    while (true) {
      Optional<TransactionReceipt> receipt =
          checked("eth_getTransactionReceipt", () -> web3j.ethGetTransactionReceipt(hash).send())
              .getTransactionReceipt();
      if (receipt.isPresent()) {
        return receipt.get();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new ChainException(
            ChainException.TX_PENDING,
            "transaction " + hash + " was not mined within " + receiptTimeout + "; check it later");
      }
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ChainException(
            ChainException.TX_PENDING, "interrupted while waiting for transaction " + hash, e);
      }
      pauseMillis = Math.min(pauseMillis * 2, 2_000);
    }
  }

  private static TxReceipt toReceipt(TransactionReceipt r) {
    return new TxReceipt(
        Bytes32.fromHex(r.getTransactionHash()),
        r.getBlockNumber().longValueExact(),
        r.getGasUsed().longValueExact());
  }

  @FunctionalInterface
  private interface RpcCall<T extends Response<?>> {
    T send() throws IOException;
  }

  private <T extends Response<?>> T checked(String method, RpcCall<T> call) {
    T response;
    try {
      response = call.send();
    } catch (IOException | RuntimeException e) {
      throw new ChainException(
          ChainException.UNAVAILABLE,
          "Ethereum RPC " + endpoint + " did not answer " + method + ": " + e.getMessage(),
          e);
    }
    if (response.hasError()) {
      Response.Error error = response.getError();
      String revertData = revertDataOf(error);
      System.err.println(
          "DEBUGDATA " + method + " msg=" + error.getMessage() + " data=" + error.getData());
      boolean reverted = revertData != null || error.getMessage().contains("revert");
      throw new ChainException(
          reverted ? ChainException.REVERTED : ChainException.TX_FAILED,
          method + " failed at " + endpoint + ": " + error.getMessage(),
          revertData,
          null);
    }
    return response;
  }

  /**
   * Nodes differ in where they put revert data: geth sends plain hex, Ganache a JSON object with
   * the data in {@code result} (and a transaction hash, which is not it).
   */
  static String revertDataOf(Response.Error error) {
    String data = error.getData();
    if (data == null) {
      return null;
    }
    String trimmed = data.strip();
    if (trimmed.startsWith("{")) {
      try {
        JsonNode node = JSON.readTree(trimmed);
        for (String field : List.of("result", "data")) {
          JsonNode value = node.path(field);
          if (value.isTextual() && HEX_DATA.matcher(value.asText()).matches()) {
            return value.asText();
          }
        }
        return null;
      } catch (JsonProcessingException e) {
        // Not JSON after all: fall back to looking for hex.
      }
    }
    Matcher m = HEX_DATA.matcher(trimmed);
    return m.find() ? m.group() : null;
  }

  @Override
  public void close() {
    web3j.shutdown();
  }
}
