package org.coopledger.contracts.anchor;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.coopledger.contracts.chain.Bytes32;
import org.coopledger.contracts.chain.EthAddress;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.Utils;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes16;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * ABI encoding of CheckpointAnchor's functions, events and custom errors, written by hand with
 * web3j's encoders (no generated wrapper). {@code AnchorAbiTest} checks every signature used here
 * against the committed ABI, so the two cannot drift apart.
 */
final class AnchorAbi {
  static final String REGISTER = "register(bytes32)";
  static final String SET_ANCHORER = "setAnchorer(bytes32,address,bool)";
  static final String ANCHOR = "anchor(bytes32,uint64,bytes32)";
  static final String LATEST = "latest(bytes32)";
  static final String ADMIN_OF = "adminOf(bytes32)";
  static final String IS_ANCHORER = "isAnchorer(bytes32,address)";

  static final Event ANCHORED =
      new Event(
          "Anchored",
          List.of(
              new TypeReference<org.web3j.abi.datatypes.generated.Bytes32>(true) {},
              new TypeReference<Uint64>(true) {},
              new TypeReference<org.web3j.abi.datatypes.generated.Bytes32>(false) {}));

  static final String ERR_ALREADY_REGISTERED = "AlreadyRegistered(bytes32)";
  static final String ERR_NOT_ADMIN = "NotAdmin(bytes32,address)";
  static final String ERR_NOT_ANCHORER = "NotAnchorer(bytes32,address)";
  static final String ERR_TREE_SIZE_NOT_GROWING = "TreeSizeNotGrowing(bytes32,uint64,uint64)";

  private AnchorAbi() {}

  static String register(Bytes32 name) {
    return encode("register", List.<Type>of(b32(name)));
  }

  static String setAnchorer(LedgerId ledger, EthAddress account, boolean allowed) {
    return encode(
        "setAnchorer",
        List.<Type>of(b32(ledger.value()), new Address(account.hex()), new Bool(allowed)));
  }

  static String anchor(LedgerId ledger, long treeSize, Bytes32 root) {
    return encode(
        "anchor",
        List.<Type>of(b32(ledger.value()), new Uint64(BigInteger.valueOf(treeSize)), b32(root)));
  }

  static String latest(LedgerId ledger) {
    return encode("latest", List.<Type>of(b32(ledger.value())));
  }

  static String adminOf(LedgerId ledger) {
    return encode("adminOf", List.<Type>of(b32(ledger.value())));
  }

  static String isAnchorer(LedgerId ledger, EthAddress account) {
    return encode("isAnchorer", List.<Type>of(b32(ledger.value()), new Address(account.hex())));
  }

  /** What {@code latest(bytes32)} returns: size (0 = none), block, root's first 16 bytes. */
  record Latest(long treeSize, long blockNumber, byte[] rootHead) {}

  static Latest decodeLatest(String output) {
    List<Type> values =
        decode(
            output,
            new TypeReference<Uint64>() {},
            new TypeReference<Uint64>() {},
            new TypeReference<Bytes16>() {});
    return new Latest(
        ((Uint64) values.get(0)).getValue().longValueExact(),
        ((Uint64) values.get(1)).getValue().longValueExact(),
        ((Bytes16) values.get(2)).getValue());
  }

  static EthAddress decodeAddress(String output) {
    return EthAddress.parse(FunctionReturnDecoder.decodeAddress(output));
  }

  static boolean decodeBool(String output) {
    return (Boolean) decode(output, new TypeReference<Bool>() {}).get(0).getValue();
  }

  static String anchoredTopic() {
    return EventEncoder.encode(ANCHORED);
  }

  static String uint64Topic(long value) {
    return Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(value), 64);
  }

  /** The root carried in an Anchored event's data. */
  static Bytes32 decodeAnchoredRoot(String data) {
    return Bytes32.of(
        (byte[])
            decode(data, new TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() {})
                .get(0)
                .getValue());
  }

  /** A custom error decoded from revert data: its signature and arguments. */
  record RevertError(String signature, List<Type> arguments) {}

  static Optional<RevertError> decodeError(String revertData) {
    if (revertData == null || revertData.length() < 10) {
      return Optional.empty();
    }
    String selector = revertData.substring(0, 10).toLowerCase(java.util.Locale.ROOT);
    String args = "0x" + revertData.substring(10);
    if (selector.equals(selector(ERR_ALREADY_REGISTERED))) {
      return Optional.of(new RevertError(ERR_ALREADY_REGISTERED, decode(args, bytes32Ref())));
    }
    if (selector.equals(selector(ERR_NOT_ADMIN))) {
      return Optional.of(new RevertError(ERR_NOT_ADMIN, decode(args, bytes32Ref(), addressRef())));
    }
    if (selector.equals(selector(ERR_NOT_ANCHORER))) {
      return Optional.of(
          new RevertError(ERR_NOT_ANCHORER, decode(args, bytes32Ref(), addressRef())));
    }
    if (selector.equals(selector(ERR_TREE_SIZE_NOT_GROWING))) {
      return Optional.of(
          new RevertError(
              ERR_TREE_SIZE_NOT_GROWING,
              decode(
                  args,
                  bytes32Ref(),
                  new TypeReference<Uint64>() {},
                  new TypeReference<Uint64>() {})));
    }
    return Optional.empty();
  }

  /** {@code 0x} + the first four bytes of keccak256 of a signature. */
  static String selector(String signature) {
    return Hash.sha3String(signature).substring(0, 10);
  }

  private static TypeReference<?> bytes32Ref() {
    return new TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() {};
  }

  private static TypeReference<?> addressRef() {
    return new TypeReference<Address>() {};
  }

  private static org.web3j.abi.datatypes.generated.Bytes32 b32(Bytes32 value) {
    return new org.web3j.abi.datatypes.generated.Bytes32(value.toArray());
  }

  private static String encode(String name, List<Type> inputs) {
    return FunctionEncoder.encode(new Function(name, inputs, List.of()));
  }

  private static List<Type> decode(String hex, TypeReference<?>... outputs) {
    return FunctionReturnDecoder.decode(hex, Utils.convert(List.of(outputs)));
  }
}
