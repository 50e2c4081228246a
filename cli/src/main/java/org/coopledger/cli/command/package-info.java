/**
 * The subcommands of {@code coop}, one class per command (nested classes for a command's own
 * subcommands), and the option mixins they share ({@code --node}, {@code --key}, {@code --json}).
 * Commands parse, call the client or the governance module, and print; they hold no rules.
 */
package org.coopledger.cli.command;
