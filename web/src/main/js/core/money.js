// The money as the ledger decides it: a revenue amount divided over a split exactly (the protocol's
// rule, docs/governance.md), and a member's statement rebuilt from the ledger's entries.

const TOTAL = 10_000n;

/**
 * Each member's part of {@code amountMinor}: floor(amount * bp / 10000) each, and the units left
 * over one each by largest remainder, equal remainders by member id ascending.
 * @param shares [{memberId, basisPoints}] summing to 10000
 * @returns Map memberId -> minor units (BigInt-safe, returned as numbers)
 */
export function distribute(amountMinor, shares) {
  const amount = BigInt(amountMinor);
  if (amount < 0n) throw new Error('cannot distribute a negative amount');
  const sum = shares.reduce((n, s) => n + s.basisPoints, 0);
  if (sum !== 10_000) throw new Error(`the shares add up to ${sum} basis points, not 10000`);
  const sorted = [...shares].sort((a, b) => compare(a.memberId, b.memberId));
  const parts = sorted.map((s) => {
    const product = amount * BigInt(s.basisPoints);
    return { memberId: s.memberId, floor: product / TOTAL, remainder: product % TOTAL };
  });
  let leftover = amount - parts.reduce((n, p) => n + p.floor, 0n);
  const byRemainder = [...parts].sort((a, b) =>
    a.remainder === b.remainder ? compare(a.memberId, b.memberId) : a.remainder > b.remainder ? -1 : 1,
  );
  const out = new Map(parts.map((p) => [p.memberId, p.floor]));
  for (let i = 0; leftover > 0n; i++, leftover--) {
    const id = byRemainder[i].memberId;
    out.set(id, out.get(id) + 1n);
  }
  return new Map([...out].map(([k, v]) => [k, Number(v)]));
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "12.50 EUR" from minor units (two decimals, as the command line prints money). */
export function formatMoney(amountMinor, currency) {
  const negative = amountMinor < 0;
  const abs = Math.abs(amountMinor);
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return `${negative ? '-' : ''}${text} ${currency}`;
}

/** Parses "250", "250.5" or "250.00" into minor units; throws on anything else. */
export function parseMoney(text) {
  const m = /^\s*(\d{1,13})(?:[.,](\d{1,2}))?\s*$/.exec(text || '');
  if (!m) throw new Error(`'${text}' is not an amount like 250.00`);
  return Number(m[1]) * 100 + Number((m[2] || '0').padEnd(2, '0'));
}

/**
 * Revenue events and the split in force at each, from decoded ledger entries (oldest first) and the
 * node's split versions and proposals. A split is in force from the entry that adopted it: the
 * genesis for an initial split, else the execute entry of its executed split proposal.
 */
export function moneyHistory(entries, splits, proposals) {
  const executedSplits = new Set(
    proposals.filter((p) => p.kind === 'split' && p.status === 'executed').map((p) => p.id),
  );
  const executedPayouts = new Map(
    proposals.filter((p) => p.kind === 'payout' && p.status === 'executed').map((p) => [p.id, p]),
  );
  const versions = [...splits].sort((a, b) => a.version - b.version);
  let version = 0;
  let current = null;
  const events = [];
  for (const e of entries) {
    const body = e.entry || {};
    const adopts =
      (body.genesis && body.genesis.initialSplit && body.genesis.initialSplit.length > 0) ||
      (body.execute && executedSplits.has(body.execute.proposalId) && isClosingEntry(e, proposals, body.execute.proposalId));
    if (adopts && versions[version]) {
      current = versions[version++];
    }
    if (body.recordRevenue) {
      const r = body.recordRevenue;
      const amountMinor = Number(r.amountMinor || 0);
      events.push({
        kind: 'revenue',
        index: e.index,
        at: e.acceptedAtMillis,
        source: r.source || '',
        currency: r.currency,
        amountMinor,
        reference: r.reference || '',
        parts: current ? distribute(amountMinor, current.shares) : new Map(),
        splitVersion: current ? current.version : null,
      });
    }
    if (body.execute && executedPayouts.has(body.execute.proposalId) && isClosingEntry(e, proposals, body.execute.proposalId)) {
      const p = executedPayouts.get(body.execute.proposalId);
      events.push({
        kind: 'payout',
        index: e.index,
        at: e.acceptedAtMillis,
        memberId: p.details.memberId,
        currency: p.details.currency,
        amountMinor: Number(p.details.amountMinor),
        reference: p.details.reference || '',
      });
    }
  }
  return events;
}

// The execute entry that closed the proposal: the one accepted at the proposal's closing time.
function isClosingEntry(entry, proposals, id) {
  const p = proposals.find((x) => x.id === id);
  return p && p.closedAtMillis === entry.acceptedAtMillis;
}

/** One member's credits and payouts with a running balance per currency. */
export function statement(events, memberId) {
  const balance = new Map();
  const rows = [];
  for (const e of events) {
    let amount = 0;
    if (e.kind === 'revenue' && e.parts.has(memberId)) amount = e.parts.get(memberId);
    else if (e.kind === 'payout' && e.memberId === memberId) amount = -e.amountMinor;
    else continue;
    const running = (balance.get(e.currency) || 0) + amount;
    balance.set(e.currency, running);
    rows.push({
      index: e.index,
      at: e.at,
      kind: e.kind,
      what: e.kind === 'revenue' ? `share of ${e.source} revenue` : `payout ${e.reference}`.trim(),
      currency: e.currency,
      amountMinor: amount,
      balanceMinor: running,
    });
  }
  return rows;
}

/** The statement as CSV (RFC 4180 quoting), amounts in minor units and as decimals. */
export function statementCsv(rows) {
  const quote = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = [['entry', 'accepted_at', 'kind', 'description', 'currency', 'amount_minor', 'amount', 'balance'].join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.index,
        new Date(r.at).toISOString(),
        r.kind,
        r.what,
        r.currency,
        r.amountMinor,
        formatMoney(r.amountMinor, '').trim(),
        formatMoney(r.balanceMinor, '').trim(),
      ]
        .map(quote)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
