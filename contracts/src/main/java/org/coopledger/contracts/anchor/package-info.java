/**
 * The CheckpointAnchor contract from Java: ledger ids, posting anchors ({@link
 * org.coopledger.contracts.anchor.AnchorClient}) and reading them back ({@link
 * org.coopledger.contracts.anchor.AnchorReader}), with the contract's refusals mapped to stable
 * error codes.
 */
package org.coopledger.contracts.anchor;
