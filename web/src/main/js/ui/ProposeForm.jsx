import { useState } from 'preact/hooks';
import { fromBase64 } from '../core/bytes.js';
import { parseMoney } from '../core/money.js';

const KINDS = [
  ['split', 'A new revenue split'],
  ['payout', 'A payout to a member'],
  ['decision', 'A decision'],
  ['admit', 'Admit a member'],
  ['roles', 'Change a member’s roles'],
  ['remove', 'Remove a member'],
  ['rulebook', 'Change the rulebook'],
];

/** Opens a proposal of any kind; the action is built here and shown in words before signing. */
export function ProposeForm({ data, me, onAct }) {
  const active = data.members.filter((m) => m.active);
  const current = data.splits.length ? data.splits[data.splits.length - 1] : null;
  const [kind, setKind] = useState('split');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [shares, setShares] = useState(() =>
    Object.fromEntries(active.map((m) => {
      const s = current && current.shares.find((x) => x.memberId === m.id);
      return [m.id, s ? (s.basisPoints / 100).toString() : '0'];
    })),
  );
  const [member, setMember] = useState(active.length ? active[0].id : '');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [reference, setReference] = useState('');
  const [name, setName] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [roles, setRoles] = useState('creator');
  const [rulebook, setRulebook] = useState(data.coop ? data.coop.rulebook : '');
  const [problem, setProblem] = useState(null);

  const basisPoints = (v) => Math.round(Number(String(v).replace(',', '.')) * 100);
  const total = Object.values(shares).reduce((n, v) => n + (basisPoints(v) || 0), 0);

  function governed() {
    const roleList = roles.split(',').map((r) => r.trim().toLowerCase()).filter(Boolean);
    switch (kind) {
      case 'split': {
        const list = Object.entries(shares)
          .map(([memberId, v]) => ({ memberId, basisPoints: basisPoints(v) }))
          .filter((s) => s.basisPoints > 0);
        if (list.some((s) => !Number.isInteger(s.basisPoints))) throw new Error('shares are percentages like 30 or 12.5');
        if (total !== 10_000) throw new Error(`the shares add up to ${(total / 100).toFixed(2)} %; they must add up to exactly 100 %`);
        return { splitChange: { shares: list } };
      }
      case 'payout':
        if (!/^[A-Z]{3}$/.test(currency)) throw new Error('the currency is a three-letter code such as EUR');
        return { payout: { memberId: member, amountMinor: parseMoney(amount), currency, reference } };
      case 'admit': {
        let key;
        try {
          key = fromBase64(publicKey.trim());
        } catch {
          key = null;
        }
        if (!key || key.length !== 32) throw new Error('the new member’s public key is the base64 of 32 bytes (coop key show prints it)');
        if (!name.trim()) throw new Error('give the new member a name');
        return { admitMember: { member: { publicKey: key, displayName: name.trim(), roles: roleList } } };
      }
      case 'roles':
        return { changeRoles: { memberId: member, roles: roleList } };
      case 'remove':
        return { removeMember: { memberId: member } };
      case 'rulebook':
        return { rulebookChange: { rulebook } };
      default:
        return { decision: {} };
    }
  }

  function submit(e) {
    e.preventDefault();
    try {
      if (!title.trim()) throw new Error('give the proposal a title');
      setProblem(null);
      onAct({ createProposal: { title: title.trim(), text, ...governed() } });
    } catch (err) {
      setProblem(err.message);
    }
  }

  const memberSelect = (
    <label>
      Member
      <select value={member} onChange={(e) => setMember(e.currentTarget.value)}>
        {active.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <details class="card propose">
      <summary>Make a proposal</summary>
      <form onSubmit={submit} aria-describedby={problem ? 'propose-problem' : undefined}>
        <label>
          What
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            {KINDS.map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Title
          <input type="text" required value={title} maxLength={200} onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        <label>
          Explanation (optional)
          <textarea rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        {kind === 'split' && (
          <fieldset>
            <legend>Shares in percent (total {(total / 100).toFixed(2)} %)</legend>
            {active.map((m) => (
              <label key={m.id} class="inline">
                {m.name}
                <input
                  type="text"
                  inputMode="decimal"
                  aria-label={`Share of ${m.name} in percent`}
                  size={6}
                  value={shares[m.id]}
                  onInput={(e) => setShares({ ...shares, [m.id]: e.currentTarget.value })}
                />
                %
              </label>
            ))}
          </fieldset>
        )}
        {kind === 'payout' && (
          <>
            {memberSelect}
            <label>
              Amount
              <input type="text" inputMode="decimal" value={amount} placeholder="120.00" onInput={(e) => setAmount(e.currentTarget.value)} />
            </label>
            <label>
              Currency
              <input type="text" value={currency} size={4} onInput={(e) => setCurrency(e.currentTarget.value.toUpperCase())} />
            </label>
            <label>
              Reference
              <input type="text" value={reference} onInput={(e) => setReference(e.currentTarget.value)} />
            </label>
          </>
        )}
        {kind === 'admit' && (
          <>
            <label>
              Name
              <input type="text" value={name} onInput={(e) => setName(e.currentTarget.value)} />
            </label>
            <label>
              Their public key (base64)
              <input type="text" value={publicKey} onInput={(e) => setPublicKey(e.currentTarget.value)} />
            </label>
          </>
        )}
        {(kind === 'roles' || kind === 'remove') && memberSelect}
        {(kind === 'admit' || kind === 'roles') && (
          <label>
            Roles (comma-separated)
            <input type="text" value={roles} onInput={(e) => setRoles(e.currentTarget.value)} />
          </label>
        )}
        {kind === 'rulebook' && (
          <label>
            Rulebook
            <textarea rows={8} value={rulebook} onInput={(e) => setRulebook(e.currentTarget.value)} />
          </label>
        )}
        {problem && (
          <p id="propose-problem" class="alert danger" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" class="primary" disabled={!me}>
          Review and sign…
        </button>
        {!me && <span class="hint"> (sign in with your key first)</span>}
      </form>
    </details>
  );
}
