// The web app's protocol code against vectors the Java implementation produced
// (governance WebVectorsTest): same body bytes, same signature, same entry id, same leaf hash,
// same proof result, same checkpoint verdict, same split, and key files both ways.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fromBase64, fromHex, toBase64, toHex, utf8 } from '../../main/js/core/bytes.js';
import { decodeRecord, encodeBody, entryIdOf, keyIdOf, signEntry, signingBytes, SIGNING_PREFIX } from '../../main/js/core/entry.js';
import { readKeyFile, writeKeyFile, KeyFileError } from '../../main/js/core/keys.js';
import { leafHash, rootFromInclusionProof, verifyInclusion } from '../../main/js/core/merkle.js';
import { distribute } from '../../main/js/core/money.js';
import { parseVerifierKey, verifyCheckpoint } from '../../main/js/core/note.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'governance', 'src', 'test', 'resources', 'vectors');
const vectors = JSON.parse(readFileSync(join(dir, 'web-vectors.json'), 'utf8'));
const webKey = JSON.parse(readFileSync(join(dir, 'web-key.json'), 'utf8'));
const seeds = vectors.keys.map((k) => fromHex(k.seed));

// protobuf JSON (int64 as strings, enums by name, bytes as base64) into the app's field values.
const ENUMS = { choice: { YES: 1, NO: 2, ABSTAIN: 3 } };
function fromProtoJson(value, key) {
  if (Array.isArray(value)) return value.map((v) => fromProtoJson(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromProtoJson(v, k)]));
  }
  if (ENUMS[key]) return ENUMS[key][value];
  if (key === 'publicKey') return fromBase64(value);
  if (/Millis$|^nonce$|^amountMinor$/.test(key)) return Number(value);
  return value;
}

test('the signing prefix is the same', () => {
  assert.equal(SIGNING_PREFIX, vectors.signingPrefix);
});

test('keys: public key and key id from the seed, and coop key files open', async () => {
  for (const k of vectors.keys) {
    const plain = await readKeyFile(k.pem);
    assert.equal(toBase64(plain.publicKey), k.publicKey);
    assert.equal(plain.keyId, k.keyId);
    assert.equal(keyIdOf(plain.publicKey), k.keyId);
    const decrypted = await readKeyFile(k.encryptedPem, vectors.passphrase);
    assert.equal(toHex(decrypted.seed), k.seed);
  }
});

test('an encrypted key file refuses a wrong passphrase in words', async () => {
  await assert.rejects(readKeyFile(vectors.keys[0].encryptedPem, 'wrong'), KeyFileError);
  await assert.rejects(readKeyFile(vectors.keys[0].encryptedPem, ''), /passphrase/);
  await assert.rejects(readKeyFile('not a key'), /no PEM block/);
});

test('a key file the web app writes opens again here (and in Java: WebVectorsTest)', async () => {
  const pem = await writeKeyFile(seeds[1], 'a passphrase');
  assert.match(pem, /^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
  assert.equal(toHex((await readKeyFile(pem, 'a passphrase')).seed), vectors.keys[1].seed);
  const plain = await writeKeyFile(seeds[2], '');
  assert.equal(toHex((await readKeyFile(plain)).seed), vectors.keys[2].seed);
  assert.equal((await readKeyFile(webKey.pem, webKey.passphrase)).keyId, webKey.keyId);
});

test('entries: same body bytes, signature, entry id and leaf hash as Java', () => {
  for (const e of vectors.entries) {
    const { coopId, authorKeyId, nonce, createdAtMillis, expiresAtMillis, ...action } = fromProtoJson(e.fields);
    const body = encodeBody({ coopId, authorKeyId, nonce, createdAtMillis, expiresAtMillis, action });
    const what = Object.keys(action).join();
    assert.equal(toBase64(body), e.body, `body of ${what}`);
    assert.equal(entryIdOf(body), e.entryId, `entry id of ${what}`);
    const signed = signEntry(body, [seeds[e.signer]]);
    assert.equal(signed.signatures[0].signature, e.signature, `signature of ${what}`);
    assert.equal(signed.signatures[0].keyId, vectors.keys[e.signer].keyId);
    assert.deepEqual(signingBytes(body).subarray(0, SIGNING_PREFIX.length), utf8(SIGNING_PREFIX));
    const record = decodeRecord(fromBase64(e.leaf));
    assert.equal(toBase64(record.body), e.body);
    assert.equal(record.acceptedAtMillis, e.acceptedAtMillis);
    assert.equal(toBase64(record.signatures[0].signature), e.signature);
    assert.equal(toBase64(leafHash(fromBase64(e.leaf))), e.leafHash, `leaf hash of ${what}`);
  }
});

test('inclusion proofs lead to the same roots, and a changed leaf or path does not', () => {
  const hashes = vectors.entries.map((e) => fromBase64(e.leafHash));
  for (const p of vectors.tree.proofs) {
    const path = p.path.map(fromBase64);
    assert.equal(toBase64(rootFromInclusionProof(p.index, p.size, hashes[p.index], path)), p.root, `proof ${p.index}/${p.size}`);
    const other = hashes[(p.index + 1) % hashes.length];
    assert.throws(() => verifyInclusion(p.index, p.size, other, path, fromBase64(p.root)), /not in the tree/);
    if (path.length > 0) {
      const bent = path.map((h, i) => (i === 0 ? Uint8Array.from(h, (b, j) => (j === 0 ? b ^ 1 : b)) : h));
      assert.throws(() => verifyInclusion(p.index, p.size, hashes[p.index], bent, fromBase64(p.root)));
      assert.throws(() => verifyInclusion(p.index, p.size, hashes[p.index], path.slice(1), fromBase64(p.root)));
    }
  }
});

test('the checkpoint verifies against the pinned key, and not when changed or signed by another key', () => {
  const c = vectors.checkpoint;
  const verifier = parseVerifierKey(c.vkey);
  const checkpoint = verifyCheckpoint(c.note, verifier);
  assert.equal(checkpoint.origin, c.origin);
  assert.equal(checkpoint.size, c.size);
  assert.equal(toBase64(checkpoint.rootHash), c.root);
  const forged = c.note.replace(`\n${c.size}\n`, `\n${c.size + 1}\n`);
  assert.throws(() => verifyCheckpoint(forged, verifier), /does not verify/);
  const otherKey = vectors.keys[0].publicKey;
  assert.throws(() => parseVerifierKey(c.vkey.replace(/\+[^+]+$/, '+' + otherKey)), /MALFORMED|not an Ed25519|does not match/);
});

test('splits divide every amount exactly as Java does', () => {
  for (const d of vectors.distributions) {
    const parts = Object.fromEntries(distribute(d.amountMinor, d.shares));
    assert.deepEqual(parts, d.parts, `${d.amountMinor} over ${d.shares.map((s) => s.basisPoints).join('/')}`);
  }
});

test('a signed receipt (coopledger/receipt/v1) verifies with the key that signs checkpoints, and not when altered', async () => {
  const { sign } = await import('../../main/js/core/crypto.js');
  const { verifyReceipt } = await import('../../main/js/core/note.js');
  const c = vectors.checkpoint;
  const verifier = parseVerifierKey(c.vkey);
  const text = `coopledger/receipt/v1\n${c.origin}\n7\n${vectors.entries[7].leafHash}\n${vectors.entries[7].acceptedAtMillis}\n`;
  // Signed as the node's NoteSigner signs: key hash (4 bytes, big-endian) then the Ed25519 signature.
  const keyHash = Uint8Array.of(verifier.keyHash >>> 24, (verifier.keyHash >>> 16) & 255, (verifier.keyHash >>> 8) & 255, verifier.keyHash & 255);
  const line = `\u2014 ${verifier.name} ${toBase64(new Uint8Array([...keyHash, ...sign(utf8(text), seeds[2])]))}\n`;
  const receipt = verifyReceipt(`${text}\n${line}`, verifier);
  assert.equal(receipt.index, 7);
  assert.equal(receipt.leafHash, vectors.entries[7].leafHash);
  assert.equal(receipt.acceptedAtMillis, vectors.entries[7].acceptedAtMillis);
  assert.throws(() => verifyReceipt(`${text.replace('\n7\n', '\n8\n')}\n${line}`, verifier), /does not verify/);
});
