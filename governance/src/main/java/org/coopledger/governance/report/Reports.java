package org.coopledger.governance.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.split.Account;

/**
 * The money reports of a ledger, computed from its {@link MoneyJournal}. Every report states the
 * tree size and state digest it was computed at, so that anyone can recompute it from the ledger
 * ({@code coop report ... --verify} does). Rows are sorted; amounts are integer minor units.
 */
public final class Reports {
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final String DROP_PREFIX = "drop:";

  private Reports() {}

  /** How revenue is grouped. */
  public enum By {
    SOURCE,
    MONTH,
    /** Only drop sales ({@code drop:<name>} sources), by drop. */
    DROP,
    /** Only revenue recorded against a membership tier (it names a region), by tier. */
    TIER,
    /** Only revenue recorded against a membership tier, by the region of its price list. */
    REGION;

    /** {@code source}, {@code month}, {@code drop}, {@code tier} or {@code region}. */
    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The grouping written as {@code text}, or an exception naming the choices. */
    public static By of(String text) {
      for (By by : values()) {
        if (by.text().equals(text)) {
          return by;
        }
      }
      throw new IllegalArgumentException(
          "group revenue by source, month, drop, tier or region, not '" + text + "'");
    }
  }

  /** An amount in one currency. */
  public record Total(String currency, long amountMinor) {}

  /** Revenue of one source (or one UTC month, yyyy-MM) in one currency. */
  public record RevenueRow(String key, String currency, long entries, long amountMinor) {}

  /**
   * Revenue grouped by source, by month, by drop, by tier or by region; {@code totals} per currency
   * (by drop: of the drops' sales only; by tier or region: of the revenue recorded against a tier
   * only).
   */
  public record RevenueReport(
      long treeSize, String stateDigest, String by, List<RevenueRow> rows, List<Total> totals) {
    public RevenueReport {
      rows = List.copyOf(rows);
      totals = List.copyOf(totals);
    }

    public String csv() {
      StringBuilder out =
          Csv.header(treeSize, stateDigest, by, "currency", "entries", "amount_minor");
      rows.forEach(
          r -> Csv.row(out, r.key(), r.currency(), "" + r.entries(), "" + r.amountMinor()));
      return out.toString();
    }
  }

  /**
   * Every movement of one member's or account's balance (credits with the revenue entry that caused
   * them, debits with the payout), oldest first, and the balances they add up to.
   */
  public record Statement(
      long treeSize,
      String stateDigest,
      String account,
      String name,
      List<Movement> movements,
      List<Total> balances) {
    public Statement {
      movements = List.copyOf(movements);
      balances = List.copyOf(balances);
    }

    public String csv() {
      StringBuilder out =
          Csv.header(
              treeSize,
              stateDigest,
              "index",
              "entry_id",
              "at",
              "currency",
              "amount_minor",
              "cause");
      movements.forEach(
          m ->
              Csv.row(
                  out,
                  "" + m.index(),
                  m.entryId(),
                  Instant.ofEpochMilli(m.atMillis()).toString(),
                  m.currency(),
                  "" + m.amountMinor(),
                  m.cause()));
      return out.toString();
    }
  }

  /** One pool: its balances and every movement of them. */
  public record PoolRow(
      String pool, String account, List<Total> balances, List<Movement> movements) {
    public PoolRow {
      balances = List.copyOf(balances);
      movements = List.copyOf(movements);
    }
  }

  /** Every pool the co-op has, by account id. */
  public record PoolsReport(long treeSize, String stateDigest, List<PoolRow> pools) {
    public PoolsReport {
      pools = List.copyOf(pools);
    }

    public String csv() {
      StringBuilder out =
          Csv.header(
              treeSize,
              stateDigest,
              "pool",
              "index",
              "entry_id",
              "currency",
              "amount_minor",
              "cause");
      for (PoolRow pool : pools) {
        for (Movement m : pool.movements()) {
          Csv.row(
              out,
              pool.pool(),
              "" + m.index(),
              m.entryId(),
              m.currency(),
              "" + m.amountMinor(),
              m.cause());
        }
      }
      return out.toString();
    }
  }

  public static RevenueReport revenue(MoneyJournal journal, By by) {
    Function<RevenueLine, String> key =
        switch (by) {
          case SOURCE -> RevenueLine::source;
          case MONTH -> r -> MONTH.format(Instant.ofEpochMilli(r.atMillis()));
          case DROP -> r -> r.source().substring(DROP_PREFIX.length());
          case TIER -> RevenueLine::tier;
          case REGION -> RevenueLine::region;
        };
    SortedMap<String, SortedMap<String, long[]>> groups = new TreeMap<>();
    SortedMap<String, Long> totals = new TreeMap<>();
    for (RevenueLine r : journal.revenue()) {
      if (by == By.DROP && !r.source().startsWith(DROP_PREFIX)
          || (by == By.TIER || by == By.REGION) && r.region().isEmpty()) {
        continue;
      }
      totals.merge(r.currency(), r.amountMinor(), Math::addExact);
      long[] sums =
          groups
              .computeIfAbsent(key.apply(r), k -> new TreeMap<>())
              .computeIfAbsent(r.currency(), c -> new long[2]);
      sums[0]++;
      sums[1] = Math.addExact(sums[1], r.amountMinor());
    }
    List<RevenueRow> rows = new ArrayList<>();
    groups.forEach(
        (k, byCurrency) ->
            byCurrency.forEach((c, sums) -> rows.add(new RevenueRow(k, c, sums[0], sums[1]))));
    return new RevenueReport(journal.size(), digest(journal), by.text(), rows, totals(totals));
  }

  /**
   * The member or account {@code text} names: a member id, a member's name (any case), or an
   * account's text ({@code pool:promotion}, {@code guest:venue}) the co-op knows.
   */
  public static java.util.Optional<MemberId> account(
      org.coopledger.governance.engine.CoopState state, String text) {
    if (text == null) {
      return java.util.Optional.empty();
    }
    var account = Account.parse(text);
    if (account.isPresent()) {
      return state.money().account(account.get().id()).map(a -> a.id());
    }
    if (text.matches("[0-9a-f]{32}")) {
      MemberId id = new MemberId(text);
      if (state.member(id).isPresent() || state.money().account(id).isPresent()) {
        return java.util.Optional.of(id);
      }
    }
    return state.members().values().stream()
        .filter(m -> m.name().equalsIgnoreCase(text))
        .map(m -> m.id())
        .findFirst();
  }

  /** The statement of a member or account ({@code account}: its member id or account id). */
  public static Statement statement(MoneyJournal journal, MemberId account) {
    List<Movement> lines =
        journal.movements().stream().filter(m -> m.account().equals(account.hex())).toList();
    return new Statement(
        journal.size(),
        digest(journal),
        account.hex(),
        MoneyJournal.name(journal.state(), account),
        lines,
        balances(journal, account));
  }

  public static PoolsReport pools(MoneyJournal journal) {
    List<PoolRow> rows = new ArrayList<>();
    for (Account account : journal.state().money().accounts().values()) {
      if (account.kind() == Account.Kind.POOL) {
        MemberId id = account.id();
        rows.add(
            new PoolRow(
                account.text(),
                id.hex(),
                balances(journal, id),
                journal.movements().stream().filter(m -> m.account().equals(id.hex())).toList()));
      }
    }
    return new PoolsReport(journal.size(), digest(journal), rows);
  }

  private static List<Total> balances(MoneyJournal journal, MemberId id) {
    return totals(journal.state().balances().asMap().getOrDefault(id, new TreeMap<>()));
  }

  private static List<Total> totals(SortedMap<String, Long> byCurrency) {
    List<Total> out = new ArrayList<>();
    byCurrency.forEach((c, a) -> out.add(new Total(c, a)));
    return out;
  }

  private static String digest(MoneyJournal journal) {
    return journal.state().digestHex();
  }

  /** RFC 4180 CSV, with the tree size and state digest in a leading comment-like row. */
  static final class Csv {
    private Csv() {}

    static StringBuilder header(long treeSize, String digest, String... columns) {
      StringBuilder out = new StringBuilder();
      row(out, "# tree_size", "" + treeSize, "state_digest", digest);
      row(out, columns);
      return out;
    }

    static void row(StringBuilder out, String... fields) {
      for (int i = 0; i < fields.length; i++) {
        if (i > 0) {
          out.append(',');
        }
        String f = fields[i];
        if (f.indexOf(',') >= 0
            || f.indexOf('"') >= 0
            || f.indexOf('\n') >= 0
            || f.indexOf('\r') >= 0) {
          out.append('"').append(f.replace("\"", "\"\"")).append('"');
        } else {
          out.append(f);
        }
      }
      out.append("\r\n");
    }
  }
}
