/**
 * The auditor's memory: pinned node keys and the latest verified checkpoint per ledger, so that a
 * changed key or a rewritten history is caught even though each audit starts from scratch.
 */
package org.coopledger.cli.trust;
