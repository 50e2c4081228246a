package org.coopledger.cli.command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.coopledger.api.client.NodeClient;
import org.coopledger.api.v1.NodeInfo;
import org.coopledger.cli.trust.AuditedNames;
import org.coopledger.cli.trust.TrustStore;
import org.coopledger.governance.action.EntryId;
import org.coopledger.governance.crypto.MemberId;
import org.coopledger.governance.split.Account;
import org.coopledger.governance.view.MemberView;
import org.coopledger.governance.view.ProposalView;

/**
 * Lets people write {@code alice} for a member and {@code 3fa8c1} for a proposal. Names and id
 * prefixes are resolved from the last audit of the ledger kept in the trust directory ({@link
 * AuditedNames}: what the replay established, not what the node says); only what that audit does
 * not know (a member or proposal added since, or no audit yet) is looked up in the node's read
 * models, and then the printed note says so. Every resolved id is printed before anything is
 * signed, so the member sees exactly whom or what their entry names.
 */
final class Directory {
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-fA-F]{32}");
  private static final Pattern ENTRY_ID = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern PREFIX = Pattern.compile("[0-9a-fA-F]{4,63}");

  private final NodeClient client;
  private final TrustStore trust;
  private final PrintWriter notes;
  private Optional<AuditedNames> audited;

  /** Resolves through the node only, silently (for read-only commands). */
  Directory(NodeClient client) {
    this(client, null, null);
  }

  /**
   * @param trust where the last audit's names are kept (null: none)
   * @param notes where each resolution is reported (null: nowhere)
   */
  Directory(NodeClient client, TrustStore trust, PrintWriter notes) {
    this.client = client;
    this.trust = trust;
    this.notes = notes;
  }

  /**
   * A member by member id (as is, no lookup) or by name; or a pool or guest by its account name
   * ({@code guest:harbour-hall}), whose id is derived from the name
   * (docs/money.md#pools-and-guests).
   */
  MemberId member(String nameOrId) {
    if (KEY_ID.matcher(nameOrId).matches()) {
      return MemberId.parse(nameOrId);
    }
    Optional<Account> account = Account.parse(nameOrId);
    if (account.isPresent()) {
      note("account '" + nameOrId + "' is " + account.get().id() + " (derived from its name)");
      return account.get().id();
    }
    Optional<AuditedNames> names = audited();
    if (names.isPresent()) {
      List<String> found = new ArrayList<>();
      for (AuditedNames.Name m : names.get().members()) {
        if (m.name().equalsIgnoreCase(nameOrId)) {
          found.add(m.id());
        }
      }
      if (found.size() > 1) {
        throw new IllegalArgumentException(
            "several members are named '" + nameOrId + "'; use their key id");
      }
      if (found.size() == 1) {
        note("member '" + nameOrId + "' is " + found.get(0) + " " + fromAudit(names.get()));
        return MemberId.parse(found.get(0));
      }
    }
    List<String> found = new ArrayList<>();
    for (MemberView member : client.members().members()) {
      if (member.name().equalsIgnoreCase(nameOrId)) {
        found.add(member.id());
      }
    }
    if (found.size() != 1) {
      throw new IllegalArgumentException(
          found.isEmpty()
              ? "no member is named '" + nameOrId + "' (see `coop show members`)"
              : "several members are named '" + nameOrId + "'; use their key id");
    }
    note("member '" + nameOrId + "' is " + found.get(0) + " " + fromNode(names));
    return MemberId.parse(found.get(0));
  }

  /** A proposal by full id (no lookup) or by a unique prefix of at least 4 hex digits. */
  EntryId proposal(String idOrPrefix) {
    String wanted = idOrPrefix.strip().toLowerCase(Locale.ROOT);
    if (ENTRY_ID.matcher(wanted).matches()) {
      return new EntryId(wanted);
    }
    if (!PREFIX.matcher(wanted).matches()) {
      throw new IllegalArgumentException(
          "'" + idOrPrefix + "' is not a proposal id (64 hex digits, or a unique prefix of 4+)");
    }
    Optional<AuditedNames> names = audited();
    if (names.isPresent()) {
      List<String> found =
          names.get().proposals().stream().filter(id -> id.startsWith(wanted)).toList();
      if (found.size() > 1) {
        throw ambiguous(wanted, found.size());
      }
      if (found.size() == 1) {
        note("proposal " + wanted + " is " + found.get(0) + " " + fromAudit(names.get()));
        return new EntryId(found.get(0));
      }
    }
    List<String> found = new ArrayList<>();
    for (ProposalView proposal : client.proposals().proposals()) {
      if (proposal.id().startsWith(wanted)) {
        found.add(proposal.id());
      }
    }
    if (found.size() != 1) {
      throw found.isEmpty()
          ? new IllegalArgumentException(
              "no proposal id starts with '" + wanted + "' (see `coop show proposals`)")
          : ambiguous(wanted, found.size());
    }
    note("proposal " + wanted + " is " + found.get(0) + " " + fromNode(names));
    return new EntryId(found.get(0));
  }

  private static IllegalArgumentException ambiguous(String prefix, int count) {
    return new IllegalArgumentException(
        "'" + prefix + "' matches " + count + " proposals; give more digits");
  }

  /**
   * The names of the last audit of the ledger this node serves, if it was audited here and the node
   * still signs with the key that audit pinned (with another key, every check stops anyway).
   */
  private Optional<AuditedNames> audited() {
    if (audited == null) {
      audited = Optional.empty();
      if (trust != null) {
        NodeInfo info = client.nodeInfo();
        String origin = Objects.requireNonNullElse(info.origin(), "");
        String key = Objects.requireNonNullElse(info.verifierKey(), "");
        if (trust.verifierKeyFor(origin).filter(key::equals).isPresent()) {
          audited = trust.auditedNames(origin);
        }
      }
    }
    return audited;
  }

  private static String fromAudit(AuditedNames names) {
    return "(from your audit of the ledger at size " + names.treeSize() + ")";
  }

  private static String fromNode(Optional<AuditedNames> names) {
    return names
        .map(
            n ->
                "according to the node (not in your last audit, at size "
                    + n.treeSize()
                    + ": audit again to check it)")
        .orElse(
            "according to the node (unchecked: run `coop audit` first to resolve names"
                + " from a verified ledger)");
  }

  private void note(String line) {
    if (notes != null) {
      notes.println(line);
      notes.flush();
    }
  }
}
