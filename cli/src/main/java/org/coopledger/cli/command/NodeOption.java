package org.coopledger.cli.command;

import org.coopledger.api.client.NodeClient;
import org.coopledger.cli.CliContext;
import picocli.CommandLine.Option;

/** {@code --node URL}, else {@code COOP_NODE}, else the local default node. */
public final class NodeOption {
  public static final String ENV = "COOP_NODE";
  public static final String DEFAULT = "http://127.0.0.1:8080";

  @Option(
      names = "--node",
      paramLabel = "URL",
      description = "the node to talk to (default: $COOP_NODE, else " + DEFAULT + ")")
  String node;

  /** The node URL this command uses. */
  public String url(CliContext context) {
    return node != null ? node : context.env(ENV).orElse(DEFAULT);
  }

  /** A client for that node. */
  public NodeClient client(CliContext context) {
    return NodeClient.of(url(context));
  }
}
