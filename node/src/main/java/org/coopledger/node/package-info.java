/**
 * The coopledger node: {@link org.coopledger.node.CoopNode} wires the store, the Raft write path,
 * the checkpointer and the REST API; {@link org.coopledger.node.NodeConfig} says how; {@link
 * org.coopledger.node.Main} reads the configuration and starts one.
 */
package org.coopledger.node;
