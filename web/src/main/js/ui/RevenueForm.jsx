import { useState } from 'preact/hooks';
import { parseMoney } from '../core/money.js';

/** Records revenue that came in (the rulebook decides who may: treasurers, by default). */
export function RevenueForm({ me, onAct }) {
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [source, setSource] = useState('subscription');
  const [reference, setReference] = useState('');
  const [problem, setProblem] = useState(null);

  function submit(e) {
    e.preventDefault();
    try {
      if (!/^[A-Z]{3}$/.test(currency)) throw new Error('the currency is a three-letter code such as EUR');
      if (!source.trim()) throw new Error('say where the money came from');
      setProblem(null);
      onAct({ recordRevenue: { amountMinor: parseMoney(amount), currency, source: source.trim(), reference } });
    } catch (err) {
      setProblem(err.message);
    }
  }

  return (
    <details class="card">
      <summary>Record revenue</summary>
      <form onSubmit={submit}>
        <label>
          Amount
          <input type="text" inputMode="decimal" placeholder="250.00" value={amount} onInput={(e) => setAmount(e.currentTarget.value)} />
        </label>
        <label>
          Currency
          <input type="text" size={4} value={currency} onInput={(e) => setCurrency(e.currentTarget.value.toUpperCase())} />
        </label>
        <label>
          Source (subscription, drop:NAME, sponsorship or workshop)
          <input type="text" list="revenue-sources" value={source} onInput={(e) => setSource(e.currentTarget.value)} />
          <datalist id="revenue-sources">
            <option value="subscription" />
            <option value="sponsorship" />
            <option value="workshop" />
            <option value="drop:" />
          </datalist>
        </label>
        <label>
          Reference (optional)
          <input type="text" value={reference} onInput={(e) => setReference(e.currentTarget.value)} />
        </label>
        {problem && (
          <p class="alert danger" role="alert">
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
