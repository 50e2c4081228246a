/**
 * The REST API (Helidon 4 SE WebServer, JSON through Jackson): one {@code HttpService} per
 * resource, and one place ({@link org.coopledger.node.http.ErrorMapping}) that turns exceptions
 * into statuses and {@code {"error": CODE, "message": ...}} bodies. Every client mistake is a
 * specific 4xx; a 5xx means the node, not the request, is at fault.
 */
package org.coopledger.node.http;
