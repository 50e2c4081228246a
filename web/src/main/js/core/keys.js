// `coop key` files in the browser: PKCS#8 PEM Ed25519 keys, plain or passphrase-encrypted (PBES2
// with PBKDF2 or scrypt, AES-CBC), read and written here so the key never leaves the page.
import { cbc } from '@noble/ciphers/aes.js';
import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { concat, fromBase64, toBase64, toHex } from './bytes.js';
import { publicKeyOf } from './crypto.js';
import { keyIdOf } from './entry.js';

const OID = {
  ed25519: '1.3.101.112',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  scrypt: '1.3.6.1.4.1.11591.4.11',
  hmacSha1: '1.2.840.113549.2.7',
  hmacSha256: '1.2.840.113549.2.9',
  hmacSha512: '1.2.840.113549.2.11',
  aes128cbc: '2.16.840.1.101.3.4.1.2',
  aes192cbc: '2.16.840.1.101.3.4.1.22',
  aes256cbc: '2.16.840.1.101.3.4.1.42',
};
const AES_KEY_LENGTH = { [OID.aes128cbc]: 16, [OID.aes192cbc]: 24, [OID.aes256cbc]: 32 };
const PRF = { [OID.hmacSha1]: sha1, [OID.hmacSha256]: sha256, [OID.hmacSha512]: sha512 };

/** PBKDF2 iterations for keys encrypted here (OWASP's figure for PBKDF2-HMAC-SHA256). */
export const EXPORT_ITERATIONS = 600_000;

export class KeyFileError extends Error {}

/** A member key: the 32-byte seed (kept in memory only), its public key and key id. */
export function keyFromSeed(seed) {
  const publicKey = publicKeyOf(seed);
  return { seed, publicKey, keyId: keyIdOf(publicKey) };
}

/** Whether the PEM text holds an encrypted key (a passphrase is needed). */
export function isEncrypted(pem) {
  return pemBlock(pem).type === 'ENCRYPTED PRIVATE KEY';
}

/** Reads a `coop key` file; {@code passphrase} is needed only for an encrypted one. */
export async function readKeyFile(pem, passphrase) {
  const { type, der } = pemBlock(pem);
  if (type === 'PRIVATE KEY') return keyFromSeed(seedFromPrivateKeyInfo(der));
  if (type !== 'ENCRYPTED PRIVATE KEY') {
    throw new KeyFileError(`expected a PRIVATE KEY or ENCRYPTED PRIVATE KEY block, got ${type}`);
  }
  if (!passphrase) throw new KeyFileError('the key is encrypted; type its passphrase');
  const info = await decrypt(der, passphrase);
  return keyFromSeed(seedFromPrivateKeyInfo(info));
}

/** The key as a `coop key` PEM file, encrypted (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC) if a passphrase is given. */
export async function writeKeyFile(seed, passphrase) {
  const info = privateKeyInfo(seed);
  if (!passphrase) return pem('PRIVATE KEY', info);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const key = await pbkdf2Async(sha256, passphrase, salt, { c: EXPORT_ITERATIONS, dkLen: 32 });
  const encrypted = cbc(key, iv).encrypt(info);
  const algorithm = seq(
    oid(OID.pbes2),
    seq(
      seq(oid(OID.pbkdf2), seq(octets(salt), integer(EXPORT_ITERATIONS), seq(oid(OID.hmacSha256), nul()))),
      seq(oid(OID.aes256cbc), octets(iv)),
    ),
  );
  return pem('ENCRYPTED PRIVATE KEY', seq(algorithm, octets(encrypted)));
}

function pemBlock(text) {
  const m = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/.exec(text || '');
  if (!m) throw new KeyFileError("no PEM block found (expected '-----BEGIN PRIVATE KEY-----')");
  try {
    return { type: m[1], der: fromBase64(m[2].replace(/\s+/g, '')) };
  } catch {
    throw new KeyFileError('the PEM block is not valid base64');
  }
}

function pem(type, der) {
  const b64 = toBase64(der).replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${type}-----\n${b64}\n-----END ${type}-----\n`;
}

// RFC 8410: SEQUENCE { version, AlgorithmIdentifier { id-Ed25519 }, OCTET STRING { OCTET STRING seed } ... }
function seedFromPrivateKeyInfo(der) {
  try {
    const [version, algorithm, privateKey] = children(parse(der));
    if (version.tag !== 0x02 || toHex(version.value) > '01') throw new Error('version');
    if (readOid(children(algorithm)[0]) !== OID.ed25519) {
      throw new KeyFileError('the private key is not an Ed25519 key');
    }
    const inner = parse(privateKey.value);
    if (inner.tag !== 0x04 || inner.value.length !== 32) throw new Error('seed');
    return inner.value;
  } catch (e) {
    if (e instanceof KeyFileError) throw e;
    throw new KeyFileError('not a valid PKCS#8 Ed25519 private key');
  }
}

function privateKeyInfo(seed) {
  return seq(integer(0), seq(oid(OID.ed25519)), octets(octets(seed)));
}

async function decrypt(der, passphrase) {
  let encrypted;
  let kdf;
  let cipher;
  try {
    const [algorithm, data] = children(parse(der));
    const [algOid, params] = children(algorithm);
    if (readOid(algOid) !== OID.pbes2) throw new KeyFileError('only PBES2-encrypted keys are supported');
    [kdf, cipher] = children(params);
    encrypted = data.value;
  } catch (e) {
    if (e instanceof KeyFileError) throw e;
    throw new KeyFileError('not a valid encrypted PKCS#8 key');
  }
  const [cipherOid, ivNode] = children(cipher);
  const keyLength = AES_KEY_LENGTH[readOid(cipherOid)];
  if (!keyLength) throw new KeyFileError('unsupported cipher ' + readOid(cipherOid) + ' (AES-CBC is supported)');
  const key = await deriveKey(kdf, passphrase, keyLength);
  try {
    return cbc(key, ivNode.value).decrypt(encrypted);
  } catch {
    throw new KeyFileError('wrong passphrase, or a damaged encrypted key');
  }
}

async function deriveKey(kdf, passphrase, dkLen) {
  const [kdfOid, params] = children(kdf);
  const fields = children(params);
  if (readOid(kdfOid) === OID.pbkdf2) {
    const salt = fields[0].value;
    const c = readInteger(fields[1]);
    const prfNode = fields.slice(2).find((f) => f.tag === 0x30);
    const prf = prfNode ? PRF[readOid(children(prfNode)[0])] : sha1;
    if (!prf) throw new KeyFileError('unsupported PBKDF2 hash');
    return pbkdf2Async(prf, passphrase, salt, { c, dkLen });
  }
  if (readOid(kdfOid) === OID.scrypt) {
    const [salt, n, r, p] = fields;
    return scryptAsync(passphrase, salt.value, {
      N: readInteger(n),
      r: readInteger(r),
      p: readInteger(p),
      dkLen,
      maxmem: 2 ** 31,
    });
  }
  throw new KeyFileError('unsupported key derivation ' + readOid(kdfOid));
}

// A minimal DER reader and writer: just the universal types PKCS#8 uses.
function parse(bytes) {
  const node = tlv(bytes, 0);
  if (node.end !== bytes.length) throw new Error('trailing bytes');
  return node;
}

function tlv(bytes, at) {
  const tag = bytes[at];
  let length = bytes[at + 1];
  let start = at + 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n < 1 || n > 3) throw new Error('length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[start + i];
    start += n;
  }
  const end = start + length;
  if (tag === undefined || end > bytes.length) throw new Error('truncated');
  return { tag, value: bytes.subarray(start, end), end };
}

function children(node) {
  const out = [];
  let at = 0;
  while (at < node.value.length) {
    const child = tlv(node.value, at);
    out.push(child);
    at = child.end;
  }
  return out;
}

function readOid(node) {
  if (node.tag !== 0x06) throw new Error('not an OID');
  const v = node.value;
  const parts = [Math.floor(v[0] / 40), v[0] % 40];
  let n = 0;
  for (let i = 1; i < v.length; i++) {
    n = n * 128 + (v[i] & 0x7f);
    if (!(v[i] & 0x80)) {
      parts.push(n);
      n = 0;
    }
  }
  return parts.join('.');
}

function readInteger(node) {
  if (node.tag !== 0x02) throw new KeyFileError('expected an INTEGER');
  let n = 0;
  for (const b of node.value) n = n * 256 + b;
  return n;
}

function encode(tag, content) {
  const n = content.length;
  let header;
  if (n < 0x80) header = Uint8Array.of(tag, n);
  else if (n < 0x100) header = Uint8Array.of(tag, 0x81, n);
  else header = Uint8Array.of(tag, 0x82, n >> 8, n & 0xff);
  return concat(header, content);
}

function seq(...parts) {
  return encode(0x30, concat(...parts));
}

function octets(bytes) {
  return encode(0x04, bytes);
}

function nul() {
  return Uint8Array.of(0x05, 0x00);
}

function integer(n) {
  const bytes = [];
  do {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  } while (n > 0);
  if (bytes[0] & 0x80) bytes.unshift(0);
  return encode(0x02, Uint8Array.from(bytes));
}

function oid(text) {
  const parts = text.split('.').map(Number);
  const out = [parts[0] * 40 + parts[1]];
  for (const part of parts.slice(2)) {
    const chunk = [part & 0x7f];
    let n = Math.floor(part / 128);
    while (n > 0) {
      chunk.unshift((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    out.push(...chunk);
  }
  return encode(0x06, Uint8Array.from(out));
}
