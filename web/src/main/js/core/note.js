// C2SP signed-note and tlog-checkpoint verification, and the node's signed receipts: what lets
// the browser trust a checkpoint only because the pinned node key signed it.
import { concat, fromCanonicalBase64, utf8 } from './bytes.js';
import { sha256, verify, VerificationError } from './crypto.js';

const ED25519 = 0x01;

/** A verifier key {@code <name>+<hex key hash>+<base64(type || key)>}, parsed strictly. */
export function parseVerifierKey(vkey) {
  const first = vkey.indexOf('+');
  const second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
  if (second < 0) throw new VerificationError('MALFORMED_VERIFIER_KEY', `not a verifier key: ${vkey}`);
  const name = vkey.slice(0, first);
  const hashHex = vkey.slice(first + 1, second);
  const typeAndKey = fromCanonicalBase64(vkey.slice(second + 1));
  if (!/^[0-9a-f]{8}$/.test(hashHex) || typeAndKey.length !== 33 || typeAndKey[0] !== ED25519) {
    throw new VerificationError('MALFORMED_VERIFIER_KEY', `not an Ed25519 verifier key: ${vkey}`);
  }
  const publicKey = typeAndKey.slice(1);
  const keyHash = keyHashOf(name, ED25519, publicKey);
  if (hex32(keyHash) !== hashHex) {
    throw new VerificationError('MALFORMED_VERIFIER_KEY', `key hash ${hashHex} does not match ${name}'s key`);
  }
  return { name, keyHash, publicKey, vkey };
}

function keyHashOf(name, type, publicKey) {
  const d = sha256(concat(utf8(name), Uint8Array.of(0x0a, type), publicKey));
  return ((d[0] << 24) | (d[1] << 16) | (d[2] << 8) | d[3]) >>> 0;
}

function hex32(n) {
  return n.toString(16).padStart(8, '0');
}

/** Splits a signed note into its text and signature lines (syntax only). */
export function parseNote(note) {
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) {
    throw new VerificationError('MALFORMED_NOTE', 'the note contains control characters');
  }
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) {
    throw new VerificationError('MALFORMED_NOTE', 'no blank line separates the note text from its signatures');
  }
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const signatures = lines.map((line) => {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m) throw new VerificationError('MALFORMED_NOTE', `malformed signature line: ${line}`);
    const bytes = fromCanonicalBase64(m[2]);
    if (bytes.length < 5) throw new VerificationError('MALFORMED_NOTE', `short signature line: ${line}`);
    const keyHash = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
    return { name: m[1], keyHash, signature: bytes.slice(4) };
  });
  return { text, signatures };
}

/** Returns the note's text once the pinned key's signature on it verifies; throws otherwise. */
export function verifyNote(note, verifier) {
  const { text, signatures } = parseNote(note);
  const mine = signatures.filter((s) => s.name === verifier.name && s.keyHash === verifier.keyHash);
  if (mine.length === 0) {
    throw new VerificationError('UNKNOWN_KEY', `the note is not signed by the pinned key ${verifier.name}`);
  }
  if (mine.length > 1) throw new VerificationError('DUPLICATE_SIGNATURE', 'the pinned key signed twice');
  verify(mine[0].signature, utf8(text), verifier.publicKey, `the signature by ${verifier.name}`);
  return { text, signatures };
}

/** Parses a tlog-checkpoint body: origin, tree size, base64 root hash (then extension lines). */
export function parseCheckpoint(text) {
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3 || !/^(0|[1-9][0-9]*)$/.test(lines[1])) {
    throw new VerificationError('MALFORMED_CHECKPOINT', 'a checkpoint is origin, size and root hash lines');
  }
  const rootHash = fromCanonicalBase64(lines[2]);
  if (rootHash.length !== 32) throw new VerificationError('MALFORMED_CHECKPOINT', 'the root hash is not 32 bytes');
  return { origin: lines[0], size: Number(lines[1]), rootHash, extensions: lines.slice(3) };
}

/** A checkpoint signed by the pinned key, parsed; other lines (witnesses) are listed, unverified. */
export function verifyCheckpoint(note, verifier) {
  const { text, signatures } = verifyNote(note, verifier);
  const checkpoint = parseCheckpoint(text);
  if (checkpoint.origin !== verifier.name) {
    throw new VerificationError(
      'ORIGIN_MISMATCH',
      `the checkpoint is for '${checkpoint.origin}', the pinned key is for '${verifier.name}'`,
    );
  }
  const others = signatures.filter((s) => !(s.name === verifier.name && s.keyHash === verifier.keyHash));
  return { ...checkpoint, cosigners: others.map((s) => s.name) };
}

/**
 * A signed receipt (issue: signed receipts): a note whose text starts with coopledger/receipt/v1,
 * then origin, index, base64 leaf hash and accepted time, signed by the node key.
 */
export function verifyReceipt(note, verifier) {
  const { text } = verifyNote(note, verifier);
  const lines = text.slice(0, -1).split('\n');
  if (lines[0] !== 'coopledger/receipt/v1' || lines.length < 5) {
    throw new VerificationError('MALFORMED_RECEIPT', 'not a coopledger/receipt/v1 note');
  }
  return {
    origin: lines[1],
    index: Number(lines[2]),
    leafHash: lines[3],
    acceptedAtMillis: Number(lines[4]),
  };
}
