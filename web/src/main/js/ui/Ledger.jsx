import { useEffect, useState } from 'preact/hooks';
import { fromHex, toBase64 } from '../core/bytes.js';
import { describeAction } from '../core/words.js';
import { api } from './api.js';
import { verifiedCheckpoint, verifyEntry } from './verify.js';
import { ErrorBox, Mark, time } from './parts.jsx';

const PAGE = 20;

/**
 * The ledger page by page, decoded here from the leaf bytes, each entry checked here against the
 * latest checkpoint signed by the pinned node key.
 */
export function Ledger({ data, names }) {
  const size = data.node.treeSize;
  const lastPage = Math.max(0, Math.floor((size - 1) / PAGE));
  const [page, setPage] = useState(lastPage);
  const [view, setView] = useState(null);
  const [error, setError] = useState(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      setView(null);
      try {
        let checkpoint = null;
        let checkpointError = null;
        try {
          checkpoint = data.pin.changed ? null : await verifiedCheckpoint(data.pin.verifier);
          if (data.pin.changed) checkpointError = new Error('the node’s key differs from the one pinned in this browser');
        } catch (e) {
          checkpointError = e;
        }
        const list = await api.entries(page * PAGE, PAGE);
        const anchors = await api.anchors().catch(() => null);
        const results = await Promise.all(
          list.entries.map((e) =>
            checkpoint
              ? verifyEntry(e, checkpoint, data.members)
              : Promise.resolve({ status: 'failed', reason: 'no checkpoint signed by the pinned key: ' + checkpointError.message }),
          ),
        );
        if (!cancelled) setView({ checkpoint, checkpointError, entries: list.entries, results, anchors });
      } catch (e) {
        if (!cancelled) setError(e);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [page, data.loadedAt]);

  const keyNames = new Map(data.members.map((m) => [m.keyId, m.name]));
  const titles = new Map(data.proposals.map((p) => [p.id, p.title]));
  return (
    <section aria-labelledby="view-heading">
      <h1 id="view-heading" tabIndex={-1}>
        Ledger
      </h1>
      {error && <ErrorBox error={error} />}
      {view && (
        <div class={'card checkpoint ' + (view.checkpoint ? 'ok' : 'bad')} role="status">
          {view.checkpoint ? (
            <p>
              <span class="mark verified">✓ checkpoint verified</span> size {view.checkpoint.size}, root{' '}
              <code>{toBase64(view.checkpoint.rootHash)}</code>, signed by the pinned key <code>{data.pin.verifier.name}</code>
              {view.checkpoint.cosigners.length > 0 && ` and cosigned by ${view.checkpoint.cosigners.join(', ')} (not checked here)`}.
            </p>
          ) : (
            <p class="danger">
              <span class="mark failed">✗ no verified checkpoint</span> {view.checkpointError.message}
            </p>
          )}
        </div>
      )}
      {view && view.anchors && view.anchors.enabled && view.anchors.anchors.length > 0 && (
        <AnchorNote anchor={view.anchors.anchors[0]} checkpoint={view.checkpoint} />
      )}
      <nav class="pager" aria-label="Ledger pages">
        <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
          ← Older
        </button>
        <span>
          Entries {page * PAGE}–{Math.min(size, (page + 1) * PAGE) - 1} of {size}
        </span>
        <button type="button" disabled={page >= lastPage} onClick={() => setPage(page + 1)}>
          Newer →
        </button>
      </nav>
      {!view && <p>Checking entries…</p>}
      {view && (
        <ol class="entries" start={page * PAGE}>
          {view.entries.map((e, i) => (
            <EntryRow key={e.index} e={e} r={view.results[i]} names={names} keyNames={keyNames} titles={titles} />
          ))}
        </ol>
      )}
    </section>
  );
}

/**
 * The newest on-chain anchor as the node reports it. The browser cannot read the chain, so this is
 * the node's claim; it is compared with the verified checkpoint when both are for the same size.
 */
function AnchorNote({ anchor, checkpoint }) {
  let match = null;
  if (checkpoint && anchor.treeSize === checkpoint.size && /^0x[0-9a-f]{64}$/.test(anchor.rootHash)) {
    match = toBase64(fromHex(anchor.rootHash.slice(2))) === toBase64(checkpoint.rootHash);
  }
  return (
    <p class="card hint">
      The node says tree size {anchor.treeSize} was anchored on Ethereum in block {anchor.blockNumber} (transaction{' '}
      <code>{anchor.txHash}</code>).{' '}
      {match === true && 'Its root is the verified checkpoint’s. '}
      {match === false && <strong class="danger">Its root is NOT the verified checkpoint’s. </strong>}
      This browser cannot read the chain: <code>coop audit</code> checks anchors.
    </p>
  );
}

function EntryRow({ e, r, names, keyNames, titles }) {
  const body = r.body;
  const author = body ? keyNames.get(body.authorKeyId) || body.authorKeyId.slice(0, 12) : '?';
  const signers = r.decoded ? r.decoded.signatures.map((s) => keyNames.get(s.keyId) || s.keyId.slice(0, 12)) : [];
  return (
    <li class={'entry ' + r.status} data-index={e.index}>
      <div class="entry-head">
        <span class="index">#{e.index}</span>
        <Mark result={r} />
        <span class="sentence">{body ? describeAction(body, names, titles) : 'undecodable entry'}</span>
      </div>
      <div class="entry-meta">
        by {author}, accepted {time(r.decoded ? r.decoded.acceptedAtMillis : e.acceptedAtMillis)}, signed by {signers.join(', ') || 'nobody'}
      </div>
      {r.status !== 'verified' && r.reason && <p class="reason">{r.reason}</p>}
      <details>
        <summary>Details</summary>
        <dl class="facts">
          <dt>Entry id</dt>
          <dd class="mono">{r.entryId || e.entryId}</dd>
          <dt>Leaf hash</dt>
          <dd class="mono">{e.leafHash}</dd>
          {body && (
            <>
              <dt>Co-op</dt>
              <dd>{body.coopId}</dd>
              <dt>Nonce</dt>
              <dd>{String(body.nonce)}</dd>
              <dt>Signed at</dt>
              <dd>
                {time(body.createdAtMillis)}, valid until {time(body.expiresAtMillis)}
              </dd>
            </>
          )}
          {r.decoded &&
            r.decoded.signatures.map((s) => (
              <>
                <dt>Signature</dt>
                <dd class="mono">
                  {keyNames.get(s.keyId) || s.keyId}: {toBase64(s.signature).slice(0, 32)}…
                </dd>
              </>
            ))}
        </dl>
      </details>
    </li>
  );
}
