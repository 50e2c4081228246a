/**
 * The coopledger node: {@link org.coopledger.node.CoopNode} wires the store, the Raft write path,
 * the checkpointer and the REST API; {@link org.coopledger.node.NodeConfig} says how; {@link
 * org.coopledger.node.ConfigLoader} reads it. The app module's {@code coop node} starts one.
 */
package org.coopledger.node;
