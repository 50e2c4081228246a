// Entries and proposals in words, for people: what is about to be signed and what the ledger holds.

const CHOICES = { 1: 'yes', 2: 'no', 3: 'abstain' };
export const KINDS = {
  splitChange: 'split',
  admitMember: 'admit',
  removeMember: 'remove',
  changeRoles: 'roles',
  payout: 'payout',
  rulebookChange: 'rulebook',
  decision: 'decision',
};

function money(amountMinor, currency) {
  const n = Number(amountMinor || 0);
  return `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')} ${currency || ''}`.trim();
}

function pct(bp) {
  return `${(bp / 100).toFixed(2).replace(/\.00$/, '')} %`;
}

function short(id) {
  return id ? id.slice(0, 12) : '?';
}

/**
 * One sentence for an EntryBody's action (decoded or about to be encoded). {@code names} maps
 * member ids to names; {@code titles} maps proposal ids to titles.
 */
export function describeAction(body, names = new Map(), titles = new Map()) {
  const who = (id) => names.get(id) || short(id);
  const proposal = (id) => (titles.has(id) ? `“${titles.get(id)}” (${short(id)})` : `proposal ${short(id)}`);
  if (body.genesis) {
    const g = body.genesis;
    return `Found the co-op “${g.name}” with ${(g.founders || []).map((f) => f.displayName).join(', ')}`;
  }
  if (body.rotateKey) return 'Replace my signing key with a new one';
  if (body.createProposal) return describeProposal(body.createProposal, who);
  if (body.castVote) {
    const v = body.castVote;
    return `Vote ${CHOICES[v.choice] || '?'} on ${proposal(v.proposalId)}${v.reason ? ` because “${v.reason}”` : ''}`;
  }
  if (body.approve) return `Approve ${proposal(body.approve.proposalId)}`;
  if (body.withdrawApproval) return `Withdraw my approval of ${proposal(body.withdrawApproval.proposalId)}`;
  if (body.veto) {
    const v = body.veto;
    return `Veto ${proposal(v.proposalId)}${v.reason ? ` because “${v.reason}”` : ''}`;
  }
  if (body.execute) return `Execute ${proposal(body.execute.proposalId)}`;
  if (body.recordRevenue) {
    const r = body.recordRevenue;
    return `Record revenue of ${money(r.amountMinor, r.currency)} from ${r.source}${r.reference ? ` (${r.reference})` : ''}`;
  }
  return 'An action this app does not know';
}

function describeProposal(p, who) {
  const title = `“${p.title}”`;
  if (p.splitChange) {
    const shares = (p.splitChange.shares || []).map((s) => `${who(s.memberId)} ${pct(s.basisPoints)}`).sort();
    return `Propose ${title}: a new revenue split — ${shares.join(', ')}`;
  }
  if (p.payout) {
    const x = p.payout;
    return `Propose ${title}: pay ${who(x.memberId)} ${money(x.amountMinor, x.currency)}${x.reference ? ` (${x.reference})` : ''}`;
  }
  if (p.admitMember) {
    const m = p.admitMember.member || {};
    return `Propose ${title}: admit ${m.displayName} as ${(m.roles || []).join(', ') || 'member'}`;
  }
  if (p.removeMember) return `Propose ${title}: remove ${who(p.removeMember.memberId)}`;
  if (p.changeRoles) {
    return `Propose ${title}: give ${who(p.changeRoles.memberId)} the roles ${(p.changeRoles.roles || []).join(', ') || '(none)'}`;
  }
  if (p.rulebookChange) return `Propose ${title}: replace the rulebook`;
  return `Propose ${title}: a decision${p.text ? ` — ${p.text}` : ''}`;
}

/** What a proposal (as the node's read model shows it) would do, in words. */
export function describeProposalView(p, names = new Map()) {
  const who = (id) => names.get(id) || short(id);
  const d = p.details || {};
  // Pools and guests a split names are listed in its details as account.<id> = pool:name.
  const accounts = new Map(Object.entries(d).filter(([k]) => k.startsWith('account.')).map(([k, v]) => [k.slice(8), v]));
  const payee = (id) => accounts.get(id) || who(id);
  switch (p.kind) {
    case 'split': {
      if ('source' in d) {
        return d.remove === 'true'
          ? `Route revenue from ${d.source} as if it had no route of its own`
          : `Route revenue from ${d.source} to ${d.split ? 'split ' + d.split : 'the default split'}`;
      }
      const shares = Object.entries(d)
        .filter(([k]) => k.startsWith('share.'))
        .map(([k, v]) => `${payee(k.slice(6))} ${pct(Number(v))}`)
        .sort();
      const recoup = Object.entries(d)
        .filter(([k]) => k.startsWith('recoup.'))
        .sort(([a], [b]) => Number(a.slice(7)) - Number(b.slice(7)))
        .map(([, v]) => {
          const [id, rest] = [v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)];
          const [amount, currency, ...label] = rest.split(':');
          return `${money(amount, currency)} to ${payee(id)}${label.join(':') ? ` (${label.join(':')})` : ''}`;
        });
      return `New revenue split${d.split ? ' ' + d.split : ''}: ${shares.join(', ')}${recoup.length ? `; first repaying ${recoup.join(', then ')}` : ''}`;
    }
    case 'pool-payout':
      return `Pay ${money(d.amountMinor, d.currency)} out of pool:${d.pool} to ${d.payee}${d.reference ? ` (${d.reference})` : ''}`;
    case 'drop':
      return `Define the drop ${d.drop}${d.event ? ` (${d.event})` : ''}: ${d.supplyCap} at ${money(d.unitPriceMinor, d.currency)} each`;
    case 'expense':
      return `Reimburse ${who(d.claimant)} ${money(d.amountMinor, d.currency)} (receipt ${(d.receiptSha256 || '').slice(0, 16)}…) ${
        'pool' in d ? `from pool:${d.pool}` : `before ${d.beforeSplit ? 'split ' + d.beforeSplit : 'the default split'}`
      }`;
    case 'tier': {
      const prices = Object.entries(d)
        .filter(([k]) => k.startsWith('price.'))
        .map(([k, v]) => `${money(v.split(' ')[0], v.split(' ')[1])} a month (${k.slice(6)})`);
      return `Tier ${d.tier}: ${prices.join(', ')}`;
    }
    case 'payout':
      return `Pay ${who(d.memberId)} ${money(d.amountMinor, d.currency)}${d.reference ? ` (${d.reference})` : ''}`;
    case 'admit':
      return `Admit ${d.name} as ${d.roles || 'member'}`;
    case 'remove':
      return `Remove ${who(d.memberId)}`;
    case 'roles':
    case 'change-roles':
      return `Give ${who(d.memberId)} the roles ${d.roles || '(none)'}`;
    case 'rulebook':
      return 'Replace the rulebook';
    case 'decision':
      return p.text ? `Decide: ${p.text}` : 'A decision';
    default:
      return `A ${p.kind} proposal`;
  }
}
