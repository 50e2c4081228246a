/**
 * The verifiable log's Merkle tree math, as RFC 6962 / RFC 9162 §2.1 define it: leaf and node
 * hashes, the tree root of any size, inclusion and consistency proofs and their verification.
 *
 * <p>Pure and storage-agnostic: stored hashes arrive through {@link
 * org.coopledger.governance.merkle.HashSource}, which only ever has to answer for complete
 * (perfect) subtrees, so a store can keep each hash once, write it in the same batch as the leaf
 * that completed it ({@link org.coopledger.governance.merkle.Frontier#append}) and serve any root
 * or proof with O(log n) reads. Verification throws {@link
 * org.coopledger.governance.error.VerificationException}; it never returns a boolean.
 */
package org.coopledger.governance.merkle;
