// RFC 6962 / RFC 9162 hashing and inclusion-proof verification (section 2.1.3.2 of RFC 9162).
import { concat, equalBytes, toBase64 } from './bytes.js';
import { sha256, VerificationError } from './crypto.js';

export function leafHash(leaf) {
  return sha256(concat(Uint8Array.of(0), leaf));
}

export function nodeHash(left, right) {
  return sha256(concat(Uint8Array.of(1), left, right));
}

/** The root a proof leads to from the leaf hash at {@code index} in a tree of {@code size}. */
export function rootFromInclusionProof(index, size, leaf, path) {
  if (!(index >= 0 && index < size)) {
    throw new VerificationError('BAD_PROOF', `index ${index} is not in a tree of size ${size}`);
  }
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) throw new VerificationError('BAD_PROOF', 'the inclusion proof is too long');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new VerificationError('BAD_PROOF', 'the inclusion proof is too short');
  return r;
}

/** Throws unless the proof leads from {@code leaf} to {@code root}. */
export function verifyInclusion(index, size, leaf, path, root) {
  const computed = rootFromInclusionProof(index, size, leaf, path);
  if (!equalBytes(computed, root)) {
    throw new VerificationError(
      'ROOT_MISMATCH',
      `entry #${index} is not in the tree the checkpoint commits to ` +
        `(proof leads to ${toBase64(computed)}, checkpoint root is ${toBase64(root)})`,
    );
  }
}
