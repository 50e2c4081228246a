import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { pinnedKey, resetPinnedKey } from './verify.js';
import { KeyPanel } from './KeyPanel.jsx';
import { Proposals } from './Proposals.jsx';
import { Money } from './Money.jsx';
import { Ledger } from './Ledger.jsx';
import { ConfirmDialog } from './ConfirmDialog.jsx';
import { ErrorBox } from './parts.jsx';

const TABS = [
  ['proposals', 'Proposals'],
  ['money', 'Money'],
  ['ledger', 'Ledger'],
  ['key', 'Your key'],
];

function currentTab() {
  const tab = (location.hash || '').replace(/^#\/?/, '');
  return TABS.some(([id]) => id === tab) ? tab : 'proposals';
}

export function App() {
  const [tab, setTab] = useState(currentTab());
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const [key, setKey] = useState(null);
  const [pending, setPending] = useState(null);

  const reload = useCallback(async () => {
    try {
      const [node, state, members, proposals, splits, balances, money] = await Promise.all([
        api.node(),
        api.state(),
        api.members(),
        api.proposals(),
        api.splits(),
        api.balances(),
        api.money(),
      ]);
      setData({
        node,
        coop: state.coop,
        members: members.members,
        proposals: proposals.proposals,
        splits: splits.splits,
        balances: balances.balances,
        money,
        pin: pinnedKey(node),
        loadedAt: Date.now(),
      });
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);

  useEffect(() => {
    reload();
    const onHash = () => setTab(currentTab());
    addEventListener('hashchange', onHash);
    const timer = setInterval(reload, 15_000);
    return () => {
      removeEventListener('hashchange', onHash);
      clearInterval(timer);
    };
  }, [reload]);

  useEffect(() => {
    const heading = document.getElementById('view-heading');
    if (heading) heading.focus();
  }, [tab]);

  const names = new Map((data ? data.members : []).map((m) => [m.id, m.name]));
  const me = key && data ? data.members.find((m) => m.keyId === key.keyId) : null;
  const act = (action) => setPending({ action });

  return (
    <div class="app">
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <div class="brand">
          <span class="coop-name">{data && data.coop ? data.coop.name : 'coopledger'}</span>
          <span class="origin">{data ? data.node.origin : ''}</span>
        </div>
        <div class="whoami" aria-live="polite">
          {key ? (
            me ? (
              <span>
                Signed in as <strong>{me.name}</strong> ({me.roles.join(', ')})
              </span>
            ) : (
              <span>Key {key.keyId.slice(0, 12)} is not a member's key</span>
            )
          ) : (
            <a href="#/key">Sign in with your key</a>
          )}
        </div>
        <nav aria-label="Sections">
          <ul>
            {TABS.map(([id, label]) => (
              <li key={id}>
                <a href={'#/' + id} aria-current={tab === id ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main">
        {error && <ErrorBox error={error} />}
        {data && data.pin.changed && (
          <div class="alert danger" role="alert">
            <strong>The node's checkpoint key has changed.</strong> This browser pinned {data.pin.vkey}; the node now
            says {data.node.verifierKey}. Nothing from this node is marked verified until you accept the new key.{' '}
            <button
              type="button"
              onClick={() => {
                resetPinnedKey(data.node.coopId);
                reload();
              }}
            >
              Accept the new key
            </button>
          </div>
        )}
        {!data && !error && <p>Loading…</p>}
        {data && tab === 'proposals' && <Proposals data={data} names={names} me={me} onAct={act} />}
        {data && tab === 'money' && <Money data={data} names={names} me={me} onAct={act} />}
        {data && tab === 'ledger' && <Ledger data={data} names={names} />}
        {data && tab === 'key' && <KeyPanel data={data} signingKey={key} me={me} onKey={setKey} />}
      </main>
      {pending && data && (
        <ConfirmDialog
          action={pending.action}
          data={data}
          names={names}
          signingKey={key}
          me={me}
          onClose={() => {
            setPending(null);
            reload();
          }}
        />
      )}
      <footer>
        Everything on this page comes from this node's API and is checked here, in your browser. Your key never leaves it.
      </footer>
    </div>
  );
}
