/**
 * A client for a node's REST API (the JDK's HttpURLConnection + Jackson). It knows the API's shape,
 * not the node's code: an auditor uses it against any node. Failures are split by what the caller
 * can do about them: {@link org.coopledger.api.client.NodeRejectedException} (change the request)
 * versus {@link org.coopledger.api.client.NodeUnavailableException} (try later or elsewhere).
 */
package org.coopledger.api.client;
