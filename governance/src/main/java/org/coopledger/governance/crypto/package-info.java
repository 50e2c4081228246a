/**
 * Ed25519 keys and signatures (Bouncy Castle), key ids, member ids and key files. Keys are
 * immutable; their secret bytes never leave this package except as an (optionally encrypted) PKCS#8
 * PEM file.
 */
package org.coopledger.governance.crypto;
