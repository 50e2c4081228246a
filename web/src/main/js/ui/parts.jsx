// Small shared pieces: error text, the verified mark, times.

const FRIENDLY = {
  NODE_UNREACHABLE: 'The node could not be reached.',
  REPLAYED_NONCE: 'This entry was already used; try again.',
  CLAUSE_NOT_MET: 'The co-op’s rules do not allow this yet.',
};

/** An error from the node (or from a check here) in words, announced to screen readers. */
export function ErrorBox({ error, title }) {
  const code = error.code ? ` [${error.code}]` : '';
  return (
    <div class="alert danger" role="alert">
      <strong>{title || FRIENDLY[error.code] || 'The node refused this.'}</strong>{' '}
      <span class="error-message">{error.message}</span>
      <span class="code">{code}</span>
    </div>
  );
}

export function Mark({ result }) {
  if (!result) return <span class="mark checking">checking…</span>;
  const labels = { verified: '✓ verified', pending: '… pending', partial: '~ partly checked', failed: '✗ NOT verified' };
  return (
    <span class={'mark ' + result.status} title={result.reason || 'checked in this browser against the pinned node key'}>
      {labels[result.status]}
    </span>
  );
}

export function time(millis) {
  if (millis == null) return '—';
  return new Date(millis).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

export function timeLeft(millis, now = Date.now()) {
  if (millis == null) return null;
  let ms = millis - now;
  if (ms <= 0) return 'closed';
  const d = Math.floor(ms / 86_400_000);
  ms -= d * 86_400_000;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms - h * 3_600_000) / 60_000);
  return (d ? `${d} d ` : '') + (d || h ? `${h} h ` : '') + `${m} min left`;
}
