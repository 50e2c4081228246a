/**
 * Benchmarks. {@link org.coopledger.testnet.bench.Primitives} measures the machine's own limits
 * (Ed25519 sign and verify, SHA-256, Merkle tree building) so that throughput benchmarks can be
 * divided by them; {@link org.coopledger.testnet.bench.MachineLimits} prints them ({@code ./bench
 * primitives}).
 */
package org.coopledger.testnet.bench;
