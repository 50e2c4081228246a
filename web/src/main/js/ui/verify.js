// The "verified" mark: an entry is verified when the browser itself has checked that its leaf is
// in the tree of a checkpoint signed by the pinned node key, and that its member signatures hold.
import { fromBase64, toBase64 } from '../core/bytes.js';
import { VerificationError } from '../core/crypto.js';
import { decodeBody, decodeRecord, entryIdOf, keyIdOf, verifyEntrySignature } from '../core/entry.js';
import { leafHash, verifyInclusion } from '../core/merkle.js';
import { parseVerifierKey, verifyCheckpoint } from '../core/note.js';
import { api } from './api.js';

const PIN_PREFIX = 'coopledger.pinnedKey.';

/**
 * The node key pinned for this co-op (trust on first use, like the CLI's ~/.coop/trust): the first
 * key seen is kept in this browser; a different key later is refused until the person resets it.
 */
export function pinnedKey(node) {
  const slot = PIN_PREFIX + node.coopId;
  let pinned = localStorage.getItem(slot);
  let firstUse = false;
  if (!pinned) {
    localStorage.setItem(slot, node.verifierKey);
    pinned = node.verifierKey;
    firstUse = true;
  }
  return { vkey: pinned, firstUse, changed: pinned !== node.verifierKey, verifier: parseVerifierKey(pinned) };
}

export function resetPinnedKey(coopId) {
  localStorage.removeItem(PIN_PREFIX + coopId);
}

/** The latest checkpoint, verified against the pinned key. */
export async function verifiedCheckpoint(verifier) {
  return verifyCheckpoint(await api.checkpoint(), verifier);
}

/**
 * Checks one entry as served by /v1/entries: decodes the leaf bytes (never the node's decoded
 * view), recomputes the leaf hash, checks the inclusion proof against the checkpoint root, and each
 * member signature against that member's public key.
 * @returns {{status: 'verified'|'pending'|'failed', reason?: string, decoded, body}}
 */
export async function verifyEntry(entry, checkpoint, members) {
  let decoded;
  let body;
  try {
    const leaf = fromBase64(entry.leaf);
    decoded = decodeRecord(leaf);
    body = decodeBody(decoded.body);
    const hash = leafHash(leaf);
    if (entry.index >= checkpoint.size) {
      return { status: 'pending', reason: 'not yet covered by a checkpoint; check again shortly', decoded, body };
    }
    const proof = await api.inclusion(entry.index, checkpoint.size);
    verifyInclusion(entry.index, checkpoint.size, hash, proof.hashes.map(fromBase64), checkpoint.rootHash);
    // Founders sign the genesis with the keys it introduces; everyone else with a member's key.
    const founders = (body.genesis && body.genesis.founders) || [];
    const keys = new Map(founders.map((f) => [keyIdOf(f.publicKey), toBase64(f.publicKey)]));
    for (const m of members) keys.set(m.keyId, m.publicKey);
    if (decoded.signatures.length === 0) throw new VerificationError('MISSING_SIGNATURE', 'the entry carries no signature');
    const entryId = entryIdOf(decoded.body);
    for (const s of decoded.signatures) {
      if (!keys.has(s.keyId)) {
        return {
          status: 'partial',
          reason: `in the signed checkpoint, but signed by key ${s.keyId.slice(0, 12)}, which is no member's current key (rotated since); coop audit checks it by replay`,
          decoded,
          body,
          entryId,
        };
      }
      verifyEntrySignature(decoded.body, s.signature, keys.get(s.keyId));
    }
    return { status: 'verified', decoded, body, entryId };
  } catch (e) {
    return { status: 'failed', reason: e.message, code: e.code, decoded, body };
  }
}

