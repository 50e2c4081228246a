/** The error codes of the node's HTTP layer, with their categories. */
package org.coopledger.api.error;
