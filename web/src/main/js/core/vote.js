// The vote part of a clause against a tally, as docs/clauses.md defines it: turnout (yes, no and
// abstain) over the eligible weight against the quorum; yes / (yes + no) against the threshold.

function ratio(text) {
  const pct = /^(\d+)%$/.exec(text);
  if (pct) return { num: Number(pct[1]), den: 100, text };
  const frac = /^(\d+)\/(\d+)$/.exec(text);
  if (frac) return { num: Number(frac[1]), den: Number(frac[2]), text };
  return null;
}

/** The first vote(...) of a canonical clause: {quorum, approve, strict}, or null. */
export function voteRule(clause) {
  const m = /vote\(([^)]*)\)/.exec(clause || '');
  if (!m) return null;
  const quorum = /quorum=([0-9/%]+)/.exec(m[1]);
  const approve = /approve(>=|>)([0-9/%]+)/.exec(m[1]);
  return {
    quorum: quorum ? ratio(quorum[1]) : { num: 0, den: 100, text: '0%' },
    approve: approve ? ratio(approve[2]) : { num: 50, den: 100, text: '50%' },
    strict: approve ? approve[1] === '>' : true,
  };
}

/** Whether the tally meets the rule's quorum and threshold, with the figures to say so. */
export function voteStanding(rule, tally) {
  const voted = tally.yes + tally.no + tally.abstain;
  const quorumMet = voted * rule.quorum.den >= rule.quorum.num * tally.eligible;
  const cast = tally.yes + tally.no;
  const lhs = tally.yes * rule.approve.den;
  const rhs = rule.approve.num * cast;
  const approveMet = cast > 0 && (rule.strict ? lhs > rhs : lhs >= rhs);
  return {
    turnoutPercent: tally.eligible ? Math.round((100 * voted) / tally.eligible) : 0,
    quorumMet,
    yesPercent: cast ? Math.round((100 * tally.yes) / cast) : 0,
    approveMet,
  };
}
