// Ed25519 and SHA-256 from the audited @noble libraries. Pure JavaScript on purpose: WebCrypto is
// missing on pages that are not a secure context (a node reached over plain http on a LAN).
import * as ed from '@noble/ed25519';
import { sha256, sha512 } from '@noble/hashes/sha2.js';

ed.hashes.sha512 = sha512;

export { sha256 };

/** A fresh random 32-byte Ed25519 seed. */
export function randomSeed() {
  return crypto.getRandomValues(new Uint8Array(32));
}

export function publicKeyOf(seed) {
  return ed.getPublicKey(seed);
}

export function sign(message, seed) {
  return ed.sign(message, seed);
}

/** Throws unless {@code signature} is {@code publicKey}'s valid signature over {@code message}. */
export function verify(signature, message, publicKey, what) {
  let ok = false;
  try {
    ok = ed.verify(signature, message, publicKey);
  } catch {
    ok = false;
  }
  if (!ok) throw new VerificationError('BAD_SIGNATURE', `${what}: the signature does not verify`);
}

/** A failed check; {@code code} matches the Java implementation's error codes where one exists. */
export class VerificationError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}
