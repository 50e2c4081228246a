/** How commands print: JSON for scripts ({@code --json}), text and progress bars for people. */
package org.coopledger.cli.output;
