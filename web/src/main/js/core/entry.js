// Entries as the ledger knows them: an EntryBody serialized with the schema in
// governance/src/main/proto (compiled at build time), signed behind the domain-separation prefix.
import { coopledger } from '../gen/ledger.js';
import { concat, fromBase64, toBase64, toHex, utf8 } from './bytes.js';
import { publicKeyOf, sha256, sign, verify } from './crypto.js';

const v1 = coopledger.v1;
export const proto = v1;

/** What a member's signature covers: this prefix, then the body bytes exactly as sent. */
export const SIGNING_PREFIX = 'coopledger/entry/v1\n';

/** Lowercase hex of the first 16 bytes of SHA-256 of the raw 32-byte public key. */
export function keyIdOf(publicKey) {
  return toHex(sha256(publicKey).subarray(0, 16));
}

/** An entry's id (and a proposal's id): lowercase hex SHA-256 of its body bytes. */
export function entryIdOf(body) {
  return toHex(sha256(body));
}

export function signingBytes(body) {
  return concat(utf8(SIGNING_PREFIX), body);
}

/**
 * Serializes an EntryBody. {@code action} is one oneof case of EntryBody in the protobuf JSON
 * field names, e.g. {@code {castVote: {proposalId, choice: 1, reason}}}.
 */
export function encodeBody({ coopId, authorKeyId, nonce, createdAtMillis, expiresAtMillis, action }) {
  const body = { coopId, authorKeyId, nonce, createdAtMillis, expiresAtMillis, ...action };
  return v1.EntryBody.encode(body).finish();
}

/** Decodes an EntryBody; 64-bit numbers come back as JavaScript numbers. */
export function decodeBody(bytes) {
  return plain(v1.EntryBody.decode(bytes));
}

/** Decodes a LedgerRecord (what a Merkle leaf commits to) and the SignedEntry inside it. */
export function decodeRecord(leaf) {
  const record = v1.LedgerRecord.decode(leaf);
  const signed = v1.SignedEntry.decode(record.signedEntry);
  return {
    acceptedAtMillis: toNumber(record.acceptedAtMillis),
    body: signed.body,
    signatures: signed.signatures.map((s) => ({
      keyId: s.keyId,
      algorithm: s.algorithm,
      signature: s.signature,
    })),
  };
}

/** Signs {@code body} with each seed and returns the JSON the node's POST /v1/entries accepts. */
export function signEntry(body, seeds) {
  const message = signingBytes(body);
  return {
    body: toBase64(body),
    signatures: seeds.map((seed) => ({
      keyId: keyIdOf(publicKeyOf(seed)),
      algorithm: 'ED25519',
      signature: toBase64(sign(message, seed)),
    })),
  };
}

/** Checks one entry signature against a member's public key (base64 raw key); throws if bad. */
export function verifyEntrySignature(body, signature, publicKeyBase64) {
  verify(signature, signingBytes(body), fromBase64(publicKeyBase64), 'entry signature');
}

export function toNumber(value) {
  if (value == null) return 0;
  if (typeof value === 'number') return value;
  return Number(value.toString());
}

// Decoded messages into plain objects: Longs to numbers, bytes kept as Uint8Array.
function plain(value) {
  if (value == null || value instanceof Uint8Array) return value;
  if (typeof value === 'object' && typeof value.low === 'number' && typeof value.high === 'number') {
    return toNumber(value);
  }
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value)) out[key] = plain(value[key]);
    return out;
  }
  return value;
}
