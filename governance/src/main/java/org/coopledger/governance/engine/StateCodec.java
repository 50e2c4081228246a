package org.coopledger.governance.engine;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.action.RegionPrice;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.action.Tranche;
import org.coopledger.governance.action.VoteChoice;
import org.coopledger.governance.codec.EntryCodec;
import org.coopledger.governance.crypto.KeyId;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.crypto.PublicKey;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.ErrorCategory;
import org.coopledger.governance.error.ErrorCode;
import org.coopledger.governance.split.Account;
import org.coopledger.governance.split.Balances;
import org.coopledger.governance.split.Drop;
import org.coopledger.governance.split.Money;
import org.coopledger.governance.split.Recoup;
import org.coopledger.governance.split.Split;
import org.coopledger.governance.split.Tier;

/**
 * The canonical binary encoding of {@link CoopState}: a magic line, then every field in a fixed
 * order, collections in their sorted order, each preceded by its size. Integers are big-endian;
 * strings are a 4-byte length and UTF-8; a proposal's content is its canonical protobuf encoding.
 * Decoding re-encodes and compares, so only the canonical form is accepted.
 */
final class StateCodec {
  /** A stored state that does not decode: the store is damaged, not the request. */
  private static final ErrorCode BAD_STATE = ErrorCode.of("BAD_STATE", ErrorCategory.NODE_FAULT);

  private static final String MAGIC = "coopledger/state/v2";

  /** The tag of the money section (named splits and routes), after the proposals. */
  private static final String MONEY = "money";

  /** The tag of the recoup section (tranches still owed), after the money section. */
  private static final String RECOUP = "recoup";

  /** The tag of the tiers section (membership tiers and their price lists), after recoup. */
  private static final String TIERS = "tiers";

  /** The tag of the network section (the co-op's nodes), after the money section. */
  private static final String NODES = "nodes";

  private StateCodec() {}

  /** The encoding of a member or a proposal, valid for exactly that (immutable) object. */
  record Part(Object source, byte[] bytes) {}

  /**
   * A state's encoding and the encodings of its members (by member id) and proposals (by id), to
   * reuse for the next state.
   */
  record Encoded(byte[] bytes, Map<Object, Part> parts) {
    /** No parts yet, and a buffer size for a small state. */
    static final Encoded NONE = new Encoded(new byte[4096], Map.of());
  }

  @FunctionalInterface
  private interface PartWriter<T> {
    void write(DataOutputStream out, T value) throws IOException;
  }

  /** The canonical encoding, every part encoded afresh. */
  static byte[] encode(CoopState s) {
    return encode(s, Encoded.NONE).bytes();
  }

  /**
   * The canonical encoding, reusing the bytes {@code last} (an ancestor's encoding) holds of every
   * member and proposal that is the very object they were encoded from (they are immutable, so the
   * bytes are the same).
   */
  static Encoded encode(CoopState s, Encoded last) {
    Map<Object, Part> previous = last.parts();
    Map<Object, Part> parts = new HashMap<>();
    // The last encoding's size (plus room to grow) spares copying the buffer as it fills.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(last.bytes().length + 1024);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      string(out, MAGIC);
      string(out, s.coopId());
      string(out, s.name());
      string(out, s.rulebook());
      out.writeLong(s.lastAcceptedAt());
      out.writeInt(s.members().size());
      for (Member m : s.members().values()) {
        part(out, m.id(), m, previous, parts, StateCodec::member);
      }
      out.writeInt(s.keyOwners().size());
      for (Map.Entry<KeyId, MemberId> e : s.keyOwners().entrySet()) {
        string(out, e.getKey().hex());
        string(out, e.getValue().hex());
      }
      out.writeInt(s.splits().size());
      for (Split split : s.splits()) {
        split(out, split);
      }
      var balances = s.balances().asMap();
      out.writeInt(balances.size());
      for (var member : balances.entrySet()) {
        string(out, member.getKey().hex());
        out.writeInt(member.getValue().size());
        for (var amount : member.getValue().entrySet()) {
          string(out, amount.getKey());
          out.writeLong(amount.getValue());
        }
      }
      out.writeInt(s.proposals().size());
      for (Proposal p : s.proposals().values()) {
        part(out, p.id(), p, previous, parts, StateCodec::proposal);
      }
      if (!s.money().splitsRoutesAccountsDropsEmpty()) {
        money(out, s.money());
      }
      if (!s.money().recoups().isEmpty()) {
        recoups(out, s.money());
      }
      if (!s.money().tiers().isEmpty()) {
        tiers(out, s.money());
      }
      if (!s.nodes().isEmpty()) {
        string(out, NODES);
        out.writeInt(s.nodes().size());
        for (NetworkNode n : s.nodes().values()) {
          string(out, n.name());
          out.write(n.key().raw());
          string(out, n.raftAddress());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return new Encoded(bytes.toByteArray(), Collections.unmodifiableMap(parts));
  }

  /** Writes {@code value}'s encoding: the one in {@code previous} if made from this very object. */
  private static <T> void part(
      DataOutputStream out,
      Object key,
      T value,
      Map<Object, Part> previous,
      Map<Object, Part> parts,
      PartWriter<T> writer)
      throws IOException {
    Part known = previous.get(key);
    if (known == null || known.source() != value) {
      ByteArrayOutputStream one = new ByteArrayOutputStream(256);
      try (DataOutputStream o = new DataOutputStream(one)) {
        writer.write(o, value);
      }
      known = new Part(value, one.toByteArray());
    }
    out.write(known.bytes());
    parts.put(key, known);
  }

  /**
   * The money section, written only when the co-op has named splits or routes (so a co-op with only
   * the default split encodes as before): a tag, then named splits by name and routes by source.
   */
  private static void money(DataOutputStream out, Money money) throws IOException {
    string(out, MONEY);
    out.writeInt(money.splits().size());
    for (var named : money.splits().entrySet()) {
      string(out, named.getKey());
      out.writeInt(named.getValue().size());
      for (Split split : named.getValue()) {
        split(out, split);
      }
    }
    out.writeInt(money.routes().size());
    for (var route : money.routes().entrySet()) {
      string(out, route.getKey());
      string(out, route.getValue());
    }
    out.writeInt(money.accounts().size());
    for (Account account : money.accounts().values()) {
      string(out, account.text());
    }
    out.writeInt(money.drops().size());
    for (Drop d : money.drops().values()) {
      string(out, d.name());
      string(out, d.event());
      out.writeLong(d.supplyCap());
      out.writeLong(d.unitPriceMinor());
      string(out, d.currency());
      out.writeLong(d.saleOpensAtMillis());
      out.writeLong(d.saleClosesAtMillis());
      out.writeLong(d.sold());
    }
  }

  /**
   * The recoup section, written only when some split version has recoup tranches (so states without
   * them encode as before): by split name, the version and each tranche with what it is still owed.
   */
  private static void recoups(DataOutputStream out, Money money) throws IOException {
    string(out, RECOUP);
    out.writeInt(money.recoups().size());
    for (var named : money.recoups().entrySet()) {
      string(out, named.getKey());
      out.writeInt(named.getValue().version());
      out.writeInt(named.getValue().tranches().size());
      for (Recoup.Owed owed : named.getValue().tranches()) {
        string(out, owed.tranche().recipient().hex());
        out.writeLong(owed.tranche().amountMinor());
        string(out, owed.tranche().currency());
        string(out, owed.tranche().label());
        out.writeLong(owed.owedMinor());
      }
    }
  }

  /**
   * The tiers section, written only when the co-op has defined a membership tier (so states without
   * tiers encode as before): by tier name, every version of its price list, each by region.
   */
  private static void tiers(DataOutputStream out, Money money) throws IOException {
    string(out, TIERS);
    out.writeInt(money.tiers().size());
    for (Tier tier : money.tiers().values()) {
      string(out, tier.name());
      out.writeInt(tier.versions().size());
      for (Tier.Prices version : tier.versions()) {
        out.writeInt(version.version());
        out.writeLong(version.adoptedAtMillis());
        out.writeInt(version.prices().size());
        for (RegionPrice price : version.prices()) {
          string(out, price.region());
          out.writeLong(price.amountMinor());
          string(out, price.currency());
        }
      }
    }
  }

  /** The tiers section after its tag, into {@code money}. */
  private static Money readTiers(DataInputStream in, Money money) throws IOException {
    Money out = money;
    for (int i = count(in); i > 0; i--) {
      String name = readString(in);
      List<Tier.Prices> versions = new ArrayList<>();
      for (int j = count(in); j > 0; j--) {
        int version = in.readInt();
        long adoptedAt = in.readLong();
        List<RegionPrice> prices = new ArrayList<>();
        for (int k = count(in); k > 0; k--) {
          prices.add(new RegionPrice(readString(in), in.readLong(), readString(in)));
        }
        versions.add(new Tier.Prices(version, adoptedAt, prices));
      }
      out = out.withTier(new Tier(name, versions));
    }
    return out;
  }

  /** The recoup section after its tag, into {@code money}. */
  private static Money readRecoups(DataInputStream in, Money money) throws IOException {
    Money out = money;
    for (int i = count(in); i > 0; i--) {
      String name = readString(in);
      int version = in.readInt();
      List<Recoup.Owed> tranches = new ArrayList<>();
      for (int j = count(in); j > 0; j--) {
        Tranche t =
            new Tranche(
                new MemberId(readString(in)), in.readLong(), readString(in), readString(in));
        tranches.add(new Recoup.Owed(t, in.readLong()));
      }
      out = out.withRecoup(name, new Recoup(version, tranches));
    }
    return out;
  }

  private static void split(DataOutputStream out, Split split) throws IOException {
    out.writeInt(split.version());
    out.writeLong(split.adoptedAtMillis());
    out.writeInt(split.shares().size());
    for (Share share : split.shares()) {
      string(out, share.member().hex());
      out.writeInt(share.basisPoints());
    }
  }

  private static Split readSplit(DataInputStream in) throws IOException {
    int version = in.readInt();
    long adoptedAt = in.readLong();
    List<Share> shares = new ArrayList<>();
    for (int j = count(in); j > 0; j--) {
      shares.add(new Share(new MemberId(readString(in)), in.readInt()));
    }
    return new Split(version, adoptedAt, shares);
  }

  /** The money section after its tag. */
  private static Money readMoney(DataInputStream in) throws IOException {
    SortedMap<String, List<Split>> named = new TreeMap<>();
    for (int i = count(in); i > 0; i--) {
      String name = readString(in);
      List<Split> versions = new ArrayList<>();
      for (int j = count(in); j > 0; j--) {
        versions.add(readSplit(in));
      }
      named.put(name, versions);
    }
    SortedMap<String, String> routes = new TreeMap<>();
    for (int i = count(in); i > 0; i--) {
      routes.put(readString(in), readString(in));
    }
    List<Account> accounts = new ArrayList<>();
    for (int i = count(in); i > 0; i--) {
      String text = readString(in);
      accounts.add(Account.parse(text).orElseThrow(() -> bad("'" + text + "' is no account")));
    }
    SortedMap<String, Drop> drops = new TreeMap<>();
    for (int i = count(in); i > 0; i--) {
      Drop d =
          new Drop(
              readString(in),
              readString(in),
              in.readLong(),
              in.readLong(),
              readString(in),
              in.readLong(),
              in.readLong(),
              in.readLong());
      drops.put(d.name(), d);
    }
    return new Money(named, routes, new TreeMap<>(), drops).withAccounts(accounts);
  }

  private static void member(DataOutputStream out, Member m) throws IOException {
    string(out, m.id().hex());
    out.write(m.key().raw());
    string(out, m.name());
    strings(out, m.roles());
    out.writeLong(m.lastNonce());
    out.writeBoolean(m.active());
  }

  private static void proposal(DataOutputStream out, Proposal p) throws IOException {
    string(out, p.id().hex());
    string(out, p.author().hex());
    out.writeLong(p.openedAt());
    byte[] action = EntryCodec.encodeProposal(p.action());
    out.writeInt(action.length);
    out.write(action);
    out.writeInt(p.electorate().size());
    for (var e : p.electorate().entrySet()) {
      string(out, e.getKey().hex());
      strings(out, e.getValue().roles());
      out.writeInt(e.getValue().basisPoints());
    }
    out.writeInt(p.ballots().size());
    for (var e : p.ballots().entrySet()) {
      string(out, e.getKey().hex());
      string(out, e.getValue().choice().name());
      string(out, e.getValue().reason());
      out.writeLong(e.getValue().atMillis());
    }
    out.writeInt(p.approvals().size());
    for (var e : p.approvals().entrySet()) {
      string(out, e.getKey().hex());
      out.writeLong(e.getValue());
    }
    out.writeInt(p.vetoes().size());
    for (var e : p.vetoes().entrySet()) {
      string(out, e.getKey().hex());
      string(out, e.getValue().reason());
      out.writeLong(e.getValue().atMillis());
    }
    string(out, p.status().name());
    out.writeLong(p.conditionsMetAt());
    out.writeLong(p.conditionsLapseAt());
    out.writeLong(p.closedAt());
  }

  static CoopState decode(byte[] bytes) {
    CoopState state;
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (!readString(in).equals(MAGIC)) {
        throw bad("it does not start with " + MAGIC);
      }
      String coopId = readString(in);
      String name = readString(in);
      String rulebook = readString(in);
      long lastAcceptedAt = in.readLong();
      SortedMap<MemberId, Member> members = new TreeMap<>();
      for (int i = count(in); i > 0; i--) {
        MemberId id = new MemberId(readString(in));
        byte[] raw = new byte[PublicKey.LENGTH];
        in.readFully(raw);
        members.put(
            id,
            new Member(
                id,
                PublicKey.fromRaw(raw),
                readString(in),
                readStrings(in),
                in.readLong(),
                in.readBoolean()));
      }
      SortedMap<KeyId, MemberId> keyOwners = new TreeMap<>();
      for (int i = count(in); i > 0; i--) {
        keyOwners.put(new KeyId(readString(in)), new MemberId(readString(in)));
      }
      List<Split> splits = new ArrayList<>();
      for (int i = count(in); i > 0; i--) {
        splits.add(readSplit(in));
      }
      SortedMap<MemberId, SortedMap<String, Long>> amounts = new TreeMap<>();
      for (int i = count(in); i > 0; i--) {
        MemberId member = new MemberId(readString(in));
        SortedMap<String, Long> m = new TreeMap<>();
        for (int j = count(in); j > 0; j--) {
          m.put(readString(in), in.readLong());
        }
        amounts.put(member, m);
      }
      SortedMap<EntryId, Proposal> proposals = new TreeMap<>();
      for (int i = count(in); i > 0; i--) {
        Proposal p = readProposal(in);
        proposals.put(p.id(), p);
      }
      // Optional sections, each with its tag, in a fixed order: money, recoup, tiers, nodes.
      String tag = in.available() == 0 ? null : readString(in);
      Money money = Money.empty();
      if (MONEY.equals(tag)) {
        money = readMoney(in);
        tag = in.available() == 0 ? null : readString(in);
      }
      if (RECOUP.equals(tag)) {
        money = readRecoups(in, money);
        tag = in.available() == 0 ? null : readString(in);
      }
      if (TIERS.equals(tag)) {
        money = readTiers(in, money);
        tag = in.available() == 0 ? null : readString(in);
      }
      SortedMap<String, NetworkNode> nodes = new TreeMap<>();
      if (NODES.equals(tag)) {
        for (int i = count(in); i > 0; i--) {
          String nodeName = readString(in);
          byte[] raw = new byte[PublicKey.LENGTH];
          in.readFully(raw);
          nodes.put(nodeName, new NetworkNode(nodeName, PublicKey.fromRaw(raw), readString(in)));
        }
        tag = null;
      }
      if (tag != null) {
        throw bad("an unknown section '" + tag + "' follows the proposals");
      }
      if (in.read() != -1) {
        throw bad("there are bytes after the end");
      }
      state =
          new CoopState(
              coopId,
              name,
              rulebook,
              members,
              keyOwners,
              proposals,
              splits,
              Balances.of(amounts),
              money,
              lastAcceptedAt,
              nodes);
    } catch (IOException | RuntimeException e) {
      if (e instanceof CoopException c) {
        throw c;
      }
      throw new CoopException(BAD_STATE, "not an encoded co-op state: " + e.getMessage(), e);
    }
    if (!Arrays.equals(encode(state), bytes)) {
      throw bad("it is not in canonical form");
    }
    return state;
  }

  private static Proposal readProposal(DataInputStream in) throws IOException {
    EntryId id = new EntryId(readString(in));
    MemberId author = new MemberId(readString(in));
    long openedAt = in.readLong();
    byte[] action = new byte[count(in)];
    in.readFully(action);
    SortedMap<MemberId, Proposal.Elector> electorate = new TreeMap<>();
    for (int i = count(in); i > 0; i--) {
      electorate.put(
          new MemberId(readString(in)), new Proposal.Elector(readStrings(in), in.readInt()));
    }
    SortedMap<MemberId, Proposal.Ballot> ballots = new TreeMap<>();
    for (int i = count(in); i > 0; i--) {
      ballots.put(
          new MemberId(readString(in)),
          new Proposal.Ballot(VoteChoice.valueOf(readString(in)), readString(in), in.readLong()));
    }
    SortedMap<MemberId, Long> approvals = new TreeMap<>();
    for (int i = count(in); i > 0; i--) {
      approvals.put(new MemberId(readString(in)), in.readLong());
    }
    SortedMap<MemberId, Proposal.VetoMark> vetoes = new TreeMap<>();
    for (int i = count(in); i > 0; i--) {
      vetoes.put(
          new MemberId(readString(in)), new Proposal.VetoMark(readString(in), in.readLong()));
    }
    return new Proposal(
        id,
        author,
        openedAt,
        EntryCodec.decodeProposal(action),
        electorate,
        ballots,
        approvals,
        vetoes,
        ProposalStatus.valueOf(readString(in)),
        in.readLong(),
        in.readLong(),
        in.readLong());
  }

  private static CoopException bad(String why) {
    return new CoopException(BAD_STATE, "not an encoded co-op state: " + why);
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw bad("a length of " + n + " exceeds the remaining bytes");
    }
    return n;
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static void strings(DataOutputStream out, List<String> list) throws IOException {
    out.writeInt(list.size());
    for (String s : list) {
      string(out, s);
    }
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[count(in)];
    in.readFully(b);
    return new String(b, UTF_8);
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    List<String> out = new ArrayList<>();
    for (int i = count(in); i > 0; i--) {
      out.add(readString(in));
    }
    return out;
  }
}
