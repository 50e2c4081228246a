/**
 * Revenue splits and balances, in integer arithmetic only. A split is a versioned list of (member,
 * basis points) summing to exactly 10 000; {@link org.coopledger.governance.split.Distribution}
 * divides an amount over it exactly (floor of each share, the remainder by largest remainder, ties
 * by member id) so the shares always add up to the amount.
 */
package org.coopledger.governance.split;
