package org.coopledger.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.coopledger.cli.entry.Amounts;

/**
 * Text renderings of the node's read models that read like a statement rather than a dump: amounts
 * in currency units, shares in percent, proposals with what they still need. Fields are those of
 * the governance module's {@code view} records; anything else is left to --json.
 */
public final class CoopViews {
  private CoopViews() {}

  public static void members(PrintWriter out, JsonNode model) {
    ArrayNode rows = Json.MAPPER.createArrayNode();
    for (JsonNode m : model.path("members")) {
      rows.addObject()
          .put("name", m.path("name").asText())
          .put("roles", join(m.path("roles")))
          .put("member id", m.path("id").asText())
          .put("status", m.path("active").asBoolean(true) ? "active" : "removed");
    }
    TextView.print(out, rows);
  }

  public static void balances(PrintWriter out, JsonNode model) {
    ArrayNode rows = Json.MAPPER.createArrayNode();
    for (JsonNode b : model.path("balances")) {
      String currency = b.path("currency").asText();
      rows.addObject()
          .put("member", b.path("name").asText())
          .put(
              "balance", Amounts.format(b.path("amountMinor").asLong(), currency) + " " + currency);
    }
    TextView.print(out, rows);
  }

  public static void splits(PrintWriter out, JsonNode model) {
    JsonNode splits = model.path("splits");
    if (splits.isEmpty()) {
      out.println("(no split adopted yet)");
    }
    for (int i = 0; i < splits.size(); i++) {
      JsonNode split = splits.get(i);
      List<String> shares = new ArrayList<>();
      split
          .path("shares")
          .forEach(
              s -> shares.add(s.path("name").asText() + " " + s.path("percent").asText() + "%"));
      out.println(
          "split v"
              + split.path("version").asText()
              + (i == splits.size() - 1 ? " (in force)" : "")
              + ", adopted "
              + time(split.path("adoptedAtMillis"))
              + ": "
              + String.join(", ", shares));
    }
    out.flush();
  }

  /** Named splits (the version in force) and routes, one line each. */
  public static void money(PrintWriter out, JsonNode model) {
    JsonNode money = model.path("money");
    if (money.path("splits").isEmpty() && money.path("routes").isEmpty()) {
      out.println("(only the default split; no named splits or routes)");
    }
    for (JsonNode split : money.path("splits")) {
      JsonNode versions = split.path("versions");
      JsonNode last = versions.get(versions.size() - 1);
      List<String> shares = new ArrayList<>();
      last.path("shares")
          .forEach(
              s -> shares.add(s.path("name").asText() + " " + s.path("percent").asText() + "%"));
      out.println(
          "split "
              + split.path("name").asText()
              + " v"
              + last.path("version").asText()
              + ", adopted "
              + time(last.path("adoptedAtMillis"))
              + ": "
              + String.join(", ", shares));
    }
    for (JsonNode account : money.path("accounts")) {
      out.println(account.path("kind").asText() + " " + account.path("account").asText());
    }
    for (JsonNode drop : money.path("drops")) {
      out.println(
          "drop:"
              + drop.path("name").asText()
              + " "
              + drop.path("sold").asText()
              + "/"
              + drop.path("supplyCap").asText()
              + " sold");
    }
    for (JsonNode tier : money.path("tiers")) {
      JsonNode versions = tier.path("versions");
      JsonNode last = versions.get(versions.size() - 1);
      List<String> prices = new ArrayList<>();
      for (JsonNode p : last.path("prices")) {
        String currency = p.path("currency").asText();
        prices.add(
            p.path("region").asText()
                + " "
                + Amounts.format(p.path("amountMinor").asLong(), currency)
                + " "
                + currency);
      }
      out.println(
          "tier "
              + tier.path("name").asText()
              + " v"
              + last.path("version").asText()
              + ", adopted "
              + time(last.path("adoptedAtMillis"))
              + ": "
              + String.join(", ", prices)
              + " a month");
    }
    for (JsonNode recoup : money.path("recoups")) {
      String split = recoup.path("split").asText();
      for (JsonNode t : recoup.path("tranches")) {
        String currency = t.path("currency").asText();
        out.println(
            "recoup "
                + (split.isEmpty() ? "(default split)" : split)
                + " v"
                + recoup.path("version").asText()
                + ": "
                + t.path("recipientName").asText()
                + " "
                + Amounts.format(t.path("amountMinor").asLong(), currency)
                + " "
                + currency
                + " ("
                + t.path("label").asText()
                + "), still owed "
                + Amounts.format(t.path("owedMinor").asLong(), currency));
      }
    }
    for (JsonNode route : money.path("routes")) {
      String split = route.path("split").asText();
      out.println(
          "route "
              + route.path("source").asText()
              + " -> "
              + (split.isEmpty() ? "the default split" : "split " + split));
    }
    out.flush();
  }

  public static void proposals(PrintWriter out, JsonNode model) {
    ArrayNode rows = Json.MAPPER.createArrayNode();
    for (JsonNode p : model.path("proposals")) {
      JsonNode tally = p.path("tally");
      rows.addObject()
          .put("id", p.path("id").asText().substring(0, 12))
          .put("kind", p.path("kind").asText())
          .put("status", status(p))
          .put(
              "votes y/n/a",
              tally.path("yes").asText()
                  + "/"
                  + tally.path("no").asText()
                  + "/"
                  + tally.path("abstain").asText())
          .put("approvals", p.path("approvals").size())
          .put("title", p.path("title").asText());
    }
    TextView.print(out, rows);
  }

  public static void proposal(PrintWriter out, JsonNode p) {
    JsonNode tally = p.path("tally");
    out.println("proposal " + p.path("id").asText());
    out.println("  " + p.path("kind").asText() + ": " + p.path("title").asText());
    p.path("details")
        .fields()
        .forEachRemaining(d -> out.println("    " + d.getKey() + " = " + d.getValue().asText()));
    out.println("  status:    " + status(p));
    out.println("  clause:    " + p.path("clause").asText());
    out.println(
        "  votes:     yes "
            + tally.path("yes").asText()
            + ", no "
            + tally.path("no").asText()
            + ", abstain "
            + tally.path("abstain").asText()
            + ", not voted "
            + tally.path("notVoted").asText()
            + " (of "
            + tally.path("eligible").asText()
            + ")");
    out.println("  approvals: " + p.path("approvals").size());
    if (p.path("missing").size() > 0) {
      out.println("  still needs:");
      p.path("missing").forEach(m -> out.println("    - " + m.asText()));
    }
    if (!p.path("votingClosesAtMillis").isNull()
        && !p.path("votingClosesAtMillis").isMissingNode()) {
      out.println("  voting closes " + time(p.path("votingClosesAtMillis")));
    }
    out.flush();
  }

  private static String status(JsonNode p) {
    String status = p.path("status").asText();
    if (p.path("executable").asBoolean()) {
      return status + ", ready to execute";
    }
    if (p.path("canNeverPass").asBoolean()) {
      return status + ", can never pass";
    }
    return status;
  }

  private static String time(JsonNode millis) {
    return millis.isNumber() ? Instant.ofEpochMilli(millis.asLong()).toString() : "?";
  }

  private static String join(JsonNode array) {
    List<String> parts = new ArrayList<>();
    array.forEach(v -> parts.add(v.asText()));
    return String.join(",", parts);
  }
}
