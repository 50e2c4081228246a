/**
 * The codec at the edge: the protobuf wire format of entries and ledger records to and from the
 * records of {@code action}, the exact bytes signatures cover, and a signer for clients. Protobuf
 * types do not leave this package.
 *
 * <p>Decoding is strict: anything but the canonical encoding of a well-formed entry is refused with
 * code {@code MALFORMED_ENTRY}. Body bytes are never re-serialized: signatures are checked over
 * {@link org.coopledger.governance.codec.SigningBytes#PREFIX} followed by the body exactly as
 * received.
 */
package org.coopledger.governance.codec;
