package org.coopledger.governance.view;

/** The co-op at a glance, with the state digest auditors compare. */
public record CoopView(
    String coopId,
    String name,
    int members,
    int proposals,
    int openProposals,
    Integer splitVersion,
    String rulebook,
    String stateDigest) {}
