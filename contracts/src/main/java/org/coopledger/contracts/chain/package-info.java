/**
 * Talking to an Ethereum chain over JSON-RPC (web3j on the JDK's HTTP client): read-only calls,
 * logs, signed EIP-1559 transactions, account key files, and the value types these need. Knows
 * nothing about checkpoints.
 */
package org.coopledger.contracts.chain;
