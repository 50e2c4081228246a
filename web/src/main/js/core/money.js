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
 * The money events of the ledger, rebuilt from its decoded entries (oldest first), the node's
 * versions of the default split and its proposals, by the protocol's rules (docs/money.md):
 *
 * - a revenue goes to the split its source routes to (the source's own route, else its kind's
 *   `kind:*` route, else the default split), first repays that split's open recoup tranches in its
 *   currency, in order, and divides the rest over the split's shares (members, pools, guests);
 * - a split is in force from the entry that adopted it (the genesis for an initial split, else the
 *   execute entry of its executed split proposal); a new version starts its own tranches;
 * - an executed expense moves money from a pool to the claimant, or becomes the last tranche of the
 *   split it is repaid before; a pool payout and a payout take money out.
 *
 * Each event's {@code parts} maps an account (member, pool or guest id) to what it gained (or, as
 * a negative number, lost).
 */
export function moneyHistory(entries, splits, proposals) {
  const executed = new Map(proposals.filter((p) => p.status === 'executed').map((p) => [p.id, p]));
  const versions = [...splits].sort((a, b) => a.version - b.version);
  let defaultVersion = 0;
  const inForce = new Map(); // split name ('' = the default split) -> {name, version, shares}
  const tranches = new Map(); // split name -> open tranches of the version in force, in order
  const routes = new Map(); // source or kind:* -> split name
  const pools = new Map(); // pool name -> account id
  const events = [];
  const adopt = (name, split, details) => {
    const previous = inForce.get(name);
    inForce.set(name, { name, version: previous ? previous.version + 1 : 1, ...split });
    tranches.set(name, recoupOf(details));
  };
  for (const e of entries) {
    const body = e.entry || {};
    if (body.genesis && body.genesis.initialSplit && body.genesis.initialSplit.length > 0 && versions[defaultVersion]) {
      adopt('', versions[defaultVersion++], {});
    }
    const p = body.execute ? executed.get(body.execute.proposalId) : null;
    if (p && isClosingEntry(e, proposals, p.id)) {
      const d = p.details || {};
      if (p.kind === 'split' && 'source' in d) {
        if (d.remove === 'true') routes.delete(d.source);
        else routes.set(d.source, d.split || '');
      } else if (p.kind === 'split') {
        for (const [key, text] of Object.entries(d)) {
          if (key.startsWith('account.') && text.startsWith('pool:')) pools.set(text.slice(5), key.slice(8));
        }
        if (d.split) {
          adopt(d.split, { shares: sharesOf(d) }, d);
        } else if (versions[defaultVersion]) {
          adopt('', versions[defaultVersion++], d);
        }
      } else if (p.kind === 'payout') {
        events.push(moved(e, 'payout', d, `payout ${d.reference || ''}`.trim(), [[d.memberId, -Number(d.amountMinor)]]));
      } else if (p.kind === 'pool-payout') {
        const what = `pool payout to ${d.payee}${d.reference ? ' (' + d.reference + ')' : ''}`;
        events.push(moved(e, 'pool-payout', d, what, [[pools.get(d.pool), -Number(d.amountMinor)]]));
      } else if (p.kind === 'expense' && 'pool' in d) {
        const amount = Number(d.amountMinor);
        events.push(moved(e, 'expense', d, `expense from pool:${d.pool}`, [[pools.get(d.pool), -amount], [d.claimant, amount]]));
      } else if (p.kind === 'expense') {
        const open = tranches.get(d.beforeSplit || '') || [];
        open.push({ recipient: d.claimant, currency: d.currency, owed: Number(d.amountMinor) });
        tranches.set(d.beforeSplit || '', open);
      }
    }
    if (body.recordRevenue) {
      const r = body.recordRevenue;
      const amountMinor = Number(r.amountMinor || 0);
      const source = r.source || '';
      const name = routes.get(source) ?? routes.get(source.split(':')[0] + ':*') ?? '';
      const split = inForce.get(name);
      const parts = new Map();
      let rest = amountMinor;
      for (const t of tranches.get(name) || []) {
        if (t.currency !== r.currency || t.owed === 0 || rest === 0) continue;
        const paid = Math.min(t.owed, rest);
        t.owed -= paid;
        rest -= paid;
        parts.set(t.recipient, (parts.get(t.recipient) || 0) + paid);
      }
      if (split) {
        for (const [id, part] of distribute(rest, split.shares)) if (part) parts.set(id, (parts.get(id) || 0) + part);
      }
      events.push({
        kind: 'revenue',
        index: e.index,
        at: e.acceptedAtMillis,
        source,
        currency: r.currency,
        amountMinor,
        reference: r.reference || '',
        parts,
        split: split ? split.name : null,
        splitVersion: split ? split.version : null,
      });
    }
  }
  return events;
}

function sharesOf(details) {
  return Object.entries(details)
    .filter(([key]) => key.startsWith('share.'))
    .map(([key, bp]) => ({ memberId: key.slice(6), basisPoints: Number(bp) }));
}

// "recoup.N" = "recipient=amount:currency:label", repaid in the order of N.
function recoupOf(details) {
  return Object.entries(details)
    .filter(([key]) => key.startsWith('recoup.'))
    .sort(([a], [b]) => Number(a.slice(7)) - Number(b.slice(7)))
    .map(([, text]) => {
      const [recipient, rest] = [text.slice(0, text.indexOf('=')), text.slice(text.indexOf('=') + 1)];
      const [amount, currency] = rest.split(':');
      return { recipient, currency, owed: Number(amount) };
    });
}

function moved(entry, kind, details, what, changes) {
  return {
    kind,
    index: entry.index,
    at: entry.acceptedAtMillis,
    currency: details.currency,
    amountMinor: Number(details.amountMinor),
    what,
    parts: new Map(changes),
  };
}

// The execute entry that closed the proposal: the one accepted at the proposal's closing time.
function isClosingEntry(entry, proposals, id) {
  const p = proposals.find((x) => x.id === id);
  return p && p.closedAtMillis === entry.acceptedAtMillis;
}

/** One account's (member's, pool's or guest's) credits and debits with a running balance per currency. */
export function statement(events, memberId) {
  const balance = new Map();
  const rows = [];
  for (const e of events) {
    if (!e.parts || !e.parts.has(memberId)) continue;
    const amount = e.parts.get(memberId);
    const running = (balance.get(e.currency) || 0) + amount;
    balance.set(e.currency, running);
    rows.push({
      index: e.index,
      at: e.at,
      kind: e.kind,
      what: e.kind === 'revenue' ? `share of ${e.source} revenue` : e.what,
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
