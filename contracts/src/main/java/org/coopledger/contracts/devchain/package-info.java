/**
 * A local Ethereum dev chain (Ganache, from the module's pinned npm packages) with deterministic
 * accounts and CheckpointAnchor deployed, for tests and {@code coop chain dev}.
 */
package org.coopledger.contracts.devchain;
