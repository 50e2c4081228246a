import { useEffect, useRef, useState } from 'preact/hooks';
import { describeAction } from '../core/words.js';
import { entryIdOf } from '../core/entry.js';
import { draft, signAndSubmit } from './session.js';
import { ErrorBox, time } from './parts.jsx';

/**
 * Shows what is about to be signed, in words and as the exact fields, and signs only when the
 * person says so. Then shows the node's answer: the receipt and its checks, or the refusal in words.
 */
export function ConfirmDialog({ action, data, names, signingKey, me, onClose }) {
  const ref = useRef(null);
  const [entry] = useState(() => draft(action, signingKey, data.node.coopId, me));
  const [state, setState] = useState({ phase: 'review' });
  const titles = new Map(data.proposals.map((p) => [p.id, p.title]));

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  async function sign() {
    setState({ phase: 'sending' });
    try {
      const result = await signAndSubmit(entry, signingKey, data.pin.verifier);
      setState({ phase: 'done', result });
    } catch (error) {
      setState({ phase: 'error', error });
    }
  }

  const f = entry.fields;
  return (
    <dialog ref={ref} class="confirm" aria-labelledby="confirm-title" onClose={onClose}>
      <h2 id="confirm-title">{state.phase === 'done' ? 'Accepted' : 'You are about to sign'}</h2>
      <p class="sentence">{describeAction(action, names, titles)}</p>
      <dl class="facts">
        <dt>As</dt>
        <dd>
          {me ? me.name : '?'} (key {f.authorKeyId})
        </dd>
        <dt>Co-op</dt>
        <dd>{f.coopId}</dd>
        <dt>Valid until</dt>
        <dd>{time(f.expiresAtMillis)}</dd>
        <dt>Nonce</dt>
        <dd>{String(f.nonce)}</dd>
        <dt>Bytes signed</dt>
        <dd class="mono">“coopledger/entry/v1” and the {entry.body.length}-byte entry {entryIdOf(entry.body).slice(0, 16)}…</dd>
      </dl>
      {state.phase === 'error' && <ErrorBox error={state.error} />}
      {state.phase === 'done' && (
        <div class="receipt" role="status">
          <p>
            The node accepted it as entry #{state.result.receipt.index} (leaf hash <code>{state.result.receipt.leafHash}</code>).
          </p>
          <ul class="checks">
            {state.result.checks.map((c) => (
              <li key={c.text} class={c.ok === true ? 'ok' : c.ok === false ? 'bad' : 'unknown'}>
                {c.ok === true ? '✓ ' : c.ok === false ? '✗ ' : '– '}
                {c.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="buttons">
        {state.phase === 'review' && (
          <button type="button" class="primary" onClick={sign} autofocus>
            Sign and send
          </button>
        )}
        {state.phase === 'sending' && (
          <button type="button" disabled>
            Sending…
          </button>
        )}
        <button type="button" onClick={() => ref.current.close()}>
          {state.phase === 'review' ? 'Cancel' : 'Close'}
        </button>
      </div>
    </dialog>
  );
}
