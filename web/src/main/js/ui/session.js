// Signing in the browser: the member's key lives in this page's memory only (never in storage,
// never sent to the node). Entries are built here, described in words, signed, then submitted.
import { encodeBody, entryIdOf, signEntry } from '../core/entry.js';
import { fromBase64, toBase64, equalBytes } from '../core/bytes.js';
import { leafHash } from '../core/merkle.js';
import { verifyReceipt } from '../core/note.js';
import { api } from './api.js';

const HOUR = 3_600_000;
let lastNonce = 0;

/**
 * An unsigned entry for {@code action} by {@code key}: nonce = microseconds since the epoch (as
 * the command line does), strictly above the member's last accepted nonce; valid for one hour.
 */
export function draft(action, key, coopId, member) {
  const now = Date.now();
  let nonce = now * 1000 + Math.floor(Math.random() * 1000);
  nonce = Math.max(nonce, lastNonce + 1, ((member && member.lastNonce) || 0) + 1);
  lastNonce = nonce;
  const fields = {
    coopId,
    authorKeyId: key.keyId,
    nonce,
    createdAtMillis: now,
    expiresAtMillis: now + HOUR,
    action,
  };
  return { fields, body: encodeBody(fields) };
}

/**
 * Signs and submits a draft, then checks what the node answered: the entry id is the hash of the
 * body we signed, the stored leaf holds exactly our signed entry, and a signed receipt (when the
 * node sends one) verifies against the pinned node key.
 */
export async function signAndSubmit(draftEntry, key, verifier) {
  const signed = signEntry(draftEntry.body, [key.seed]);
  const receipt = await api.submit(signed);
  const checks = [];
  if (receipt.entryId !== entryIdOf(draftEntry.body)) {
    checks.push({ ok: false, text: `the node reported entry id ${receipt.entryId}, not the id of what you signed` });
  } else {
    checks.push({ ok: true, text: 'the entry id is the hash of what you signed' });
  }
  try {
    const stored = await api.entry(receipt.index);
    const leaf = fromBase64(stored.leaf);
    const sameHash = toBase64(leafHash(leaf)) === receipt.leafHash;
    const sameBody = stored.body && equalBytes(fromBase64(stored.body), draftEntry.body);
    checks.push({
      ok: sameHash && sameBody,
      text: sameHash && sameBody
        ? `entry #${receipt.index} holds exactly what you signed`
        : `entry #${receipt.index} does not hold what you signed`,
    });
  } catch (e) {
    checks.push({ ok: false, text: `could not read entry #${receipt.index} back: ${e.message}` });
  }
  if (receipt.receipt) {
    try {
      const r = verifyReceipt(receipt.receipt, verifier);
      const ok = r.index === receipt.index && r.leafHash === receipt.leafHash;
      checks.push({ ok, text: ok ? 'the signed receipt verifies against the pinned node key' : 'the signed receipt names another entry' });
    } catch (e) {
      checks.push({ ok: false, text: `the signed receipt does not verify: ${e.message}` });
    }
  } else {
    checks.push({ ok: null, text: 'the node sent no signed receipt (it predates signed receipts)' });
  }
  return { receipt, checks };
}
