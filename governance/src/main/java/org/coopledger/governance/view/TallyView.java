package org.coopledger.governance.view;

/** Vote weights on a proposal: cast yes / no / abstain, not yet cast, and the whole electorate. */
public record TallyView(long yes, long no, long abstain, long notVoted, long eligible) {}
