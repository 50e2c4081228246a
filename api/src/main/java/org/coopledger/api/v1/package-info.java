/**
 * The bodies of the node's REST API v1 as records: the node writes them, {@link
 * org.coopledger.api.client.NodeClient} reads them, and /openapi describes them. Clients ignore
 * fields they do not know, so the node may add some.
 */
package org.coopledger.api.v1;
