/**
 * Entries as members handle them: amounts typed in currency units, one-line descriptions of what is
 * being signed, and signed-entry files passed around for offline multi-signing. Encoding and
 * signing themselves are the governance module's ({@code EntryCodec}, {@code EntrySigner}).
 */
package org.coopledger.cli.entry;
