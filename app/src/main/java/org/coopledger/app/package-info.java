/**
 * The runnable {@code coop}: {@link org.coopledger.app.CoopMain} is the one launcher (the cli
 * module's command tree plus {@code coop node}); {@link org.coopledger.app.NodeCommand} runs a node
 * in this process and with {@code --demo} fills a fresh one with the demo co-op. The only module
 * that depends on both the command line and the node.
 */
package org.coopledger.app;
