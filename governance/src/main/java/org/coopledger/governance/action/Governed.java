package org.coopledger.governance.action;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.coopledger.governance.crypto.MemberId;

/** What a proposal does when it is executed. Its clause comes from the rulebook by kind. */
public sealed interface Governed {

  /** The rulebook's name for this kind of action. */
  String kind();

  /** Replaces the split in force. Shares sum to 10 000 basis points, one per member. */
  record SplitChange(List<Share> shares) implements Governed {
    public SplitChange {
      shares = List.copyOf(Fields.required(shares, "split shares"));
      Set<MemberId> seen = new HashSet<>();
      for (Share share : shares) {
        if (!seen.add(share.member())) {
          throw new InvalidActionException(
              "member " + share.member() + " appears twice in the split");
        }
      }
    }

    @Override
    public String kind() {
      return "split";
    }
  }

  /** Admits a new member. */
  record AdmitMember(NewMember member) implements Governed {
    public AdmitMember {
      Fields.required(member, "new member");
    }

    @Override
    public String kind() {
      return "admit";
    }
  }

  /** Removes a member; their key is dead from then on, their balance stays payable. */
  record RemoveMember(MemberId member) implements Governed {
    public RemoveMember {
      Fields.required(member, "member to remove");
    }

    @Override
    public String kind() {
      return "remove";
    }
  }

  /** Replaces a member's roles. */
  record ChangeRoles(MemberId member, List<String> roles) implements Governed {
    public ChangeRoles {
      Fields.required(member, "member whose roles change");
      roles = Fields.roles(roles, "new roles");
    }

    @Override
    public String kind() {
      return "change-roles";
    }
  }

  /** Pays a member out of their balance in one currency. */
  record Payout(MemberId member, long amountMinor, String currency, String reference)
      implements Governed {
    public Payout {
      Fields.required(member, "payout beneficiary");
      Fields.positiveAmount(amountMinor, "payout amount");
      Fields.currency(currency);
      reference = Fields.text(reference, "payout reference", Fields.MAX_NAME);
    }

    @Override
    public String kind() {
      return "payout";
    }
  }

  /** Replaces the rulebook text. */
  record RulebookChange(String rulebook) implements Governed {
    public RulebookChange {
      rulebook = Fields.name(rulebook, "rulebook", Fields.MAX_RULEBOOK);
    }

    @Override
    public String kind() {
      return "rulebook";
    }
  }

  /**
   * Gives a member a new key when they lost theirs or it was stolen: from its execution on the old
   * key is dead. Decided by the co-op under the rulebook's {@code recover-key} clause.
   */
  record RecoverKey(MemberId member, org.coopledger.governance.crypto.PublicKey newKey)
      implements Governed {
    public RecoverKey {
      Fields.required(member, "member whose key is recovered");
      Fields.required(newKey, "new public key");
    }

    @Override
    public String kind() {
      return "recover-key";
    }
  }

  /**
   * Changes the network: removes the node called {@code remove} ("" = none) and adds {@code add}
   * (null = none); both = a replacement (a new key, a new address, or another node).
   */
  record NodeChange(String remove, NetworkNode add) implements Governed {
    public NodeChange {
      remove = remove == null ? "" : remove;
      if (remove.isEmpty() && add == null) {
        throw new InvalidActionException("a node change removes a node, adds one, or both");
      }
    }

    @Override
    public String kind() {
      return "nodes";
    }
  }

  /** A plain decision: the proposal's title and text are what is decided. */
  record Decision() implements Governed {
    @Override
    public String kind() {
      return "decision";
    }
  }
}
