/**
 * The {@code coop} command line: {@link org.coopledger.cli.Coop} wires the subcommands, {@link
 * org.coopledger.cli.ExitCode} defines what scripts can rely on.
 */
package org.coopledger.cli;
