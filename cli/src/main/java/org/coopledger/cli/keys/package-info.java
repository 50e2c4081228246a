/**
 * Member key files and passphrases on the member's own machine. Secret keys are read here, used to
 * sign, and never sent anywhere.
 */
package org.coopledger.cli.keys;
