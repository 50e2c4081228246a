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

function ratioWords(text) {
  return text.endsWith('%') ? text.replace('%', ' %') : text;
}

function duration(text) {
  const m = /^(\d+)([smhd])$/.exec(text);
  if (!m) return text;
  const unit = { s: 'second', m: 'minute', h: 'hour', d: 'day' }[m[2]];
  return `${m[1]} ${unit}${m[1] === '1' ? '' : 's'}`;
}

/**
 * A canonical clause (docs/clauses.md) read out in words, for people; the clause itself stays the
 * authority and is shown beside it. Unknown constructs are left as written.
 */
export function clauseInWords(clause) {
  let s = ` ${clause || ''} `;
  s = s.replace(/vote\(([^)]*)\)/g, (all, params) => {
    const p = Object.fromEntries(
      params.split(',').map((x) => {
        const m = /^\s*(of|weight|quorum|window)=(.+?)\s*$/.exec(x) || /^\s*(approve)(>=|>)(.+?)\s*$/.exec(x);
        if (!m) return [x.trim(), ''];
        return m[1] === 'approve' ? ['approve', `${m[2] === '>' ? 'more than' : 'at least'} ${ratioWords(m[3])}`] : [m[1], m[2]];
      }),
    );
    const who = p.of ? ` of ${p.of.replace(/role\(([^)]+)\)/, '$1s')}` : '';
    const parts = [];
    if (p.quorum && p.quorum !== '0%') parts.push(`at least ${ratioWords(p.quorum)} of the electorate votes`);
    if (p.approve) parts.push(`${p.approve} of the yes and no votes are yes`);
    if (p.window) parts.push(`within ${duration(p.window)}`);
    return `a vote${who}${p.weight === 'share' ? ' weighted by split share' : ''} passes (${parts.join(', ')})`;
  });
  s = s.replace(/all\(beneficiaries\)/g, 'every beneficiary approves');
  s = s.replace(/(\d+) of role\(([\w-]+)\)/g, (a, n, r) => `${n} ${r}${n === '1' ? '' : 's'} approve`);
  s = s.replace(/any\(role\(([\w-]+)\)\)/g, 'any $1 approves');
  s = s.replace(/all\(role\(([\w-]+)\)\)/g, 'every $1 approves');
  s = s.replace(/all\(members\)/g, 'every member approves');
  s = s.replace(/no-veto\(role\(([\w-]+)\)\)/g, 'no $1 vetoes');
  s = s.replace(/no-veto\(([^)]+)\)/g, 'nobody in $1 vetoes');
  s = s.replace(/member\(("?)([^")]+)\1\)/g, '$2 approves');
  s = s.replace(/timelock\((\w+)\)/g, (a, d) => `${duration(d)} have passed`);
  s = s.replace(/ within (\d+[smhd])/g, (a, d) => ` (each approval counts for ${duration(d)})`);
  s = s.replace(/ allow-interested/g, ' (the author and beneficiaries may count)');
  s = s.replace(/ & /g, ', and ').replace(/ \| /g, ', or ');
  s = s.replace(/\bamount\b/g, 'the amount');
  return s.trim();
}
