import { useState } from 'preact/hooks';
import { randomSeed } from '../core/crypto.js';
import { toBase64 } from '../core/bytes.js';
import { isEncrypted, keyFromSeed, readKeyFile, writeKeyFile } from '../core/keys.js';
import { download } from './download.js';

/**
 * Sign in with a `coop key` file (decrypted here if it is encrypted), or make a new key here and
 * save it as a `coop key` file. The key stays in this page's memory; reloading the page forgets it.
 */
export function KeyPanel({ data, signingKey, me, onKey }) {
  const [pem, setPem] = useState(null);
  const [fileName, setFileName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [status, setStatus] = useState(null);
  const [busy, setBusy] = useState(false);
  const [exportPass, setExportPass] = useState('');

  async function onFile(e) {
    const file = e.currentTarget.files[0];
    if (!file) return;
    setFileName(file.name);
    const text = await file.text();
    setPem(text);
    setStatus(null);
    try {
      if (!isEncrypted(text)) await open(text, '');
    } catch (err) {
      setStatus({ error: err.message });
    }
  }

  async function open(text, pass) {
    setBusy(true);
    try {
      const key = await readKeyFile(text, pass);
      onKey(key);
      setPassphrase('');
      setStatus({ ok: `Key ${key.keyId} is loaded in this page.` });
    } catch (err) {
      setStatus({ error: err.message });
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    setBusy(true);
    try {
      const text = await writeKeyFile(signingKey.seed, exportPass);
      download(`coop-key-${signingKey.keyId.slice(0, 8)}.pem`, text, 'application/x-pem-file');
      setExportPass('');
      setStatus({ ok: exportPass ? 'Saved the key, encrypted with your passphrase.' : 'Saved the key unencrypted: keep the file safe.' });
    } finally {
      setBusy(false);
    }
  }

  const encrypted = pem && (() => { try { return isEncrypted(pem); } catch { return false; } })();
  return (
    <section aria-labelledby="view-heading">
      <h1 id="view-heading" tabIndex={-1}>
        Your key
      </h1>
      <p>
        Entries are signed here, in your browser, with your own Ed25519 key. The key is kept only in this page’s memory:
        it is never sent to the node, never stored, and forgotten when you reload.
      </p>
      {signingKey && (
        <div class="card">
          <h2>Loaded key</h2>
          <dl class="facts">
            <dt>Key id</dt>
            <dd class="mono">{signingKey.keyId}</dd>
            <dt>Public key</dt>
            <dd class="mono">{toBase64(signingKey.publicKey)}</dd>
            <dt>Member</dt>
            <dd>{me ? `${me.name} (${me.roles.join(', ')})` : 'not a member of this co-op (yet): a member can propose to admit you with the public key above'}</dd>
          </dl>
          <button type="button" onClick={() => onKey(null)}>
            Forget this key
          </button>
        </div>
      )}
      <form class="card" onSubmit={(e) => { e.preventDefault(); open(pem, passphrase); }}>
        <h2>Sign in with a key file</h2>
        <label>
          Key file (from <code>coop key new</code>)
          <input type="file" accept=".pem,.key,text/plain" onChange={onFile} />
        </label>
        {encrypted && (
          <>
            <label>
              Passphrase for {fileName}
              <input type="password" autocomplete="current-password" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
            </label>
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Decrypting…' : 'Unlock'}
            </button>
          </>
        )}
      </form>
      <div class="card">
        <h2>Make a new key</h2>
        <p>A new key is made here from your browser’s random source. Save it as a file before you leave the page.</p>
        <button type="button" onClick={() => { onKey(keyFromSeed(randomSeed())); setStatus({ ok: 'A new key is loaded; save it below.' }); }}>
          Make a new key
        </button>
        {signingKey && (
          <form onSubmit={(e) => { e.preventDefault(); save(); }}>
            <label>
              Passphrase to encrypt the file (recommended)
              <input type="password" autocomplete="new-password" value={exportPass} onInput={(e) => setExportPass(e.currentTarget.value)} />
            </label>
            <button type="submit" disabled={busy}>
              {busy ? 'Encrypting…' : 'Save as a coop key file'}
            </button>
          </form>
        )}
      </div>
      {status && (
        <p class={'alert ' + (status.error ? 'danger' : 'ok')} role={status.error ? 'alert' : 'status'}>
          {status.error || status.ok}
        </p>
      )}
      <div class="card">
        <h2>This node’s checkpoint key</h2>
        <p>
          Pinned in this browser {data.pin.firstUse ? 'just now (first visit)' : 'on an earlier visit'}; every verified mark is
          checked against it:
        </p>
        <p class="mono">{data.pin.vkey}</p>
      </div>
    </section>
  );
}
