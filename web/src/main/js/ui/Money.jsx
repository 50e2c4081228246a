import { useEffect, useState } from 'preact/hooks';
import { formatMoney, moneyHistory, statement, statementCsv } from '../core/money.js';
import { allEntries } from './api.js';
import { SplitBar, StepChart } from './charts.jsx';
import { download } from './download.js';
import { RevenueForm } from './RevenueForm.jsx';
import { ErrorBox, time } from './parts.jsx';

/**
 * The split in force and its history, the named splits, routes and drops, balances, revenue by
 * source, and a member's, pool's or guest's statement.
 */
export function Money({ data, names, me, onAct }) {
  const [events, setEvents] = useState(null);
  const [error, setError] = useState(null);
  const [who, setWho] = useState(me ? me.id : data.balances.length ? data.balances[0].memberId : '');

  useEffect(() => {
    allEntries()
      .then((entries) => setEvents(moneyHistory(entries, data.splits, data.proposals)))
      .catch(setError);
  }, [data.loadedAt]);

  const current = data.splits.length ? data.splits[data.splits.length - 1] : null;
  const revenue = events ? events.filter((e) => e.kind === 'revenue') : [];
  const sources = [...new Set(revenue.map((e) => e.source + ' ' + e.currency))];
  const revenueSeries = sources.map((key) => {
    let sum = 0;
    return {
      label: key,
      points: revenue.filter((e) => e.source + ' ' + e.currency === key).map((e) => [e.at, (sum += e.amountMinor)]),
    };
  });
  const memberIds = [...new Set(data.splits.flatMap((s) => s.shares.map((x) => x.memberId)))];
  const splitSeries = memberIds.map((id) => ({
    label: names.get(id) || id.slice(0, 8),
    points: data.splits.map((s) => [s.adoptedAtMillis, (s.shares.find((x) => x.memberId === id) || { basisPoints: 0 }).basisPoints / 100]),
  }));
  const rows = events ? statement(events, who) : [];
  const balanceRows = data.balances.filter((b) => b.memberId === who);

  return (
    <section aria-labelledby="view-heading">
      <h1 id="view-heading" tabIndex={-1}>
        Money
      </h1>
      {error && <ErrorBox error={error} />}
      <RevenueForm me={me} onAct={onAct} />
      <div class="card">
        <h2>Split in force{current ? ` (version ${current.version}, since ${time(current.adoptedAtMillis)})` : ''}</h2>
        {current ? <SplitBar shares={current.shares} names={names} /> : <p>No split is in force yet.</p>}
        {current && (
          <table>
            <caption class="sr-only">Shares of the split in force</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Share</th>
              </tr>
            </thead>
            <tbody>
              {current.shares.map((s) => (
                <tr key={s.memberId}>
                  <td>{names.get(s.memberId) || s.name}</td>
                  <td class="num">{s.percent} %</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>History</h3>
        <StepChart title="Each member's share in %, over time" series={splitSeries} until={data.loadedAt} />
        <ol class="history">
          {data.splits.map((s) => (
            <li key={s.version}>
              version {s.version}, {time(s.adoptedAtMillis)}: {s.shares.map((x) => `${names.get(x.memberId) || x.name} ${x.percent} %`).join(', ')}
            </li>
          ))}
        </ol>
      </div>
      <NamedMoney money={data.money ? data.money.money : null} names={names} />
      <div class="card">
        <h2>Balances</h2>
        <p class="hint">What the co-op owes each member, pool and guest: their shares of revenue, less payouts.</p>
        <table class="balances">
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Balance</th>
            </tr>
          </thead>
          <tbody>
            {data.balances.map((b) => (
              <tr key={b.memberId + b.currency} data-member={b.name}>
                <td>{b.name}</td>
                <td class="num">{formatMoney(b.amountMinor, b.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="card">
        <h2>Revenue by source</h2>
        {events == null ? (
          <p>Reading the ledger…</p>
        ) : revenue.length === 0 ? (
          <p>No revenue recorded yet.</p>
        ) : (
          <>
            <StepChart title="Revenue so far, by source" series={revenueSeries} format={(v) => (v / 100).toFixed(0)} until={data.loadedAt} />
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Source</th>
                  <th scope="col">Amount</th>
                </tr>
              </thead>
              <tbody>
                {revenue.map((e) => (
                  <tr key={e.index}>
                    <td>{time(e.at)}</td>
                    <td>{e.source}</td>
                    <td class="num">{formatMoney(e.amountMinor, e.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
      <div class="card">
        <h2>Statement</h2>
        <label>
          Member
          <select value={who} onChange={(e) => setWho(e.currentTarget.value)}>
            {data.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
            {(data.money ? data.money.money.accounts : []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.account}
              </option>
            ))}
          </select>
        </label>
        <StatementCheck rows={rows} balances={balanceRows} />
        <table class="statement">
          <thead>
            <tr>
              <th scope="col">Entry</th>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Amount</th>
              <th scope="col">Balance</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.index}>
                <td>#{r.index}</td>
                <td>{time(r.at)}</td>
                <td>{r.what}</td>
                <td class="num">{formatMoney(r.amountMinor, r.currency)}</td>
                <td class="num">{formatMoney(r.balanceMinor, r.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          disabled={!rows.length}
          onClick={() => download(`statement-${(names.get(who) || who).replace(/\W+/g, '_')}.csv`, statementCsv(rows), 'text/csv')}
        >
          Download as CSV
        </button>
      </div>
    </section>
  );
}

/** The named splits in force, the routes that send revenue to them, drops and recoup tranches. */
function NamedMoney({ money, names }) {
  if (!money || (!money.splits.length && !money.routes.length && !money.drops.length)) return null;
  const owed = new Map(money.recoups.map((r) => [r.split, r]));
  return (
    <div class="card named-money">
      <h2>Named splits, routes and drops</h2>
      <p class="hint">Revenue from a routed source goes to its split; every other source to the split in force above.</p>
      {money.splits.map((split) => {
        const current = split.versions[split.versions.length - 1];
        const recoup = owed.get(split.name);
        return (
          <div key={split.name}>
            <h3>
              Split {split.name} (version {current.version}, since {time(current.adoptedAtMillis)})
            </h3>
            <p>{current.shares.map((x) => `${names.get(x.memberId) || x.name} ${x.percent} %`).join(', ')}</p>
            {recoup &&
              recoup.tranches.map((t, i) => (
                <p key={i} class="hint">
                  First repays {t.recipientName || t.recipient} {formatMoney(t.amountMinor, t.currency)} ({t.label}): still owed{' '}
                  {formatMoney(t.owedMinor, t.currency)}
                </p>
              ))}
          </div>
        );
      })}
      {money.routes.length > 0 && (
        <ul class="routes">
          {money.routes.map((r) => (
            <li key={r.source}>
              revenue from {r.source} goes to split {r.split || '(the default split)'}
            </li>
          ))}
        </ul>
      )}
      {money.drops.map((d) => (
        <p key={d.name}>
          Drop {d.name} ({d.event}): {d.sold} of {d.supplyCap} sold at {formatMoney(d.unitPriceMinor, d.currency)}, on sale{' '}
          {time(d.saleOpensAtMillis)} to {time(d.saleClosesAtMillis)}
        </p>
      ))}
    </div>
  );
}

/** Whether the statement rebuilt here from the entries ends at the balance the node reports. */
function StatementCheck({ rows, balances }) {
  const ends = new Map();
  for (const r of rows) ends.set(r.currency, r.balanceMinor);
  const mismatches = balances.filter((b) => (ends.get(b.currency) || 0) !== b.amountMinor);
  if (!rows.length) return <p>No credits or payouts yet.</p>;
  return mismatches.length === 0 ? (
    <p class="alert ok">Rebuilt here from the ledger’s entries: it ends at the balance the node reports.</p>
  ) : (
    <p class="alert danger" role="alert">
      Rebuilt from the entries, this statement does not end at the node’s balance ({mismatches.map((b) => formatMoney(b.amountMinor, b.currency)).join(', ')}).
    </p>
  );
}
