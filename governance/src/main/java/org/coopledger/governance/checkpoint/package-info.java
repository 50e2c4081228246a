/**
 * Checkpoints of the verifiable log in the C2SP formats, so that any independent implementation can
 * check what a coopledger node signs: the {@code tlog-checkpoint} note body ({@link Checkpoint}),
 * {@code signed-note} Ed25519 signatures and verifier keys ({@link SignedNote}, {@link NoteSigner},
 * {@link NoteVerifier}) and {@code tlog-cosignature} timestamped witness cosignatures ({@link
 * Cosigner}, {@link Cosignature}).
 *
 * <p>Parsing is strict and fails closed: every problem throws a {@link
 * org.coopledger.governance.error.VerificationException} whose {@code code()} names the kind of
 * failure ({@code MALFORMED_NOTE}, {@code MALFORMED_CHECKPOINT}, {@code MALFORMED_VERIFIER_KEY},
 * {@code UNSUPPORTED_KEY_TYPE}, {@code UNKNOWN_KEY}, {@code TOO_FEW_SIGNATURES}, {@code
 * BAD_NOTE_SIGNATURE}, {@code DUPLICATE_SIGNATURE}, {@code ORIGIN_MISMATCH}) and whose message says
 * where. Nothing here does I/O or reads a clock; cosignature timestamps are passed in.
 */
package org.coopledger.governance.checkpoint;
