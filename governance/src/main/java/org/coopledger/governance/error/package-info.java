/** The exception hierarchy with stable error codes, shared by every module. */
package org.coopledger.governance.error;
