/**
 * Anchoring the node's checkpoints on an Ethereum chain: the settings, a scheduler that posts the
 * latest checkpoint in the background (never in the write path), and the durable log of what was
 * anchored, served at {@code GET /v1/anchors}.
 */
package org.coopledger.node.anchor;
