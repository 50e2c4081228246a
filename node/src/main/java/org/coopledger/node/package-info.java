/**
 * The coopledger node: {@link org.coopledger.node.CoopNode} wires the store, the Raft write path,
 * the checkpointer and the REST API; {@link org.coopledger.node.NodeConfig} says how, with the
 * settings and defaults of {@link org.coopledger.node.NodeSetting}; {@link
 * org.coopledger.node.NodeConfigReader} reads it with Helidon Config. The app module's {@code coop
 * node} starts one.
 */
package org.coopledger.node;
