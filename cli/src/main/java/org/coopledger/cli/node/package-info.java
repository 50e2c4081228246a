/**
 * {@code coop node}: runs a node in this process, and with {@code --demo} fills a fresh one with a
 * demo co-op. The only package of the CLI that uses the node module.
 */
package org.coopledger.cli.node;
