/**
 * The load generator: a co-op of deterministic member keys whose votes are signed before the clock
 * starts ({@link org.coopledger.testnet.load.VoteLoad}), submitted over real HTTP with bounded
 * concurrency ({@link org.coopledger.testnet.load.LoadGenerator}), with exact latency percentiles
 * ({@link org.coopledger.testnet.load.Latencies}).
 */
package org.coopledger.testnet.load;
