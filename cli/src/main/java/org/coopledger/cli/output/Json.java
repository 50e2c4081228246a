package org.coopledger.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;

/**
 * The {@code --json} convention: a command that prints data prints exactly one JSON document on
 * stdout (records become objects, field names in camelCase), and nothing else there; messages for
 * people go to stderr.
 */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  /** Prints {@code value} as one JSON document followed by a newline. */
  public static void print(PrintWriter out, Object value) {
    try {
      out.println(MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print " + value.getClass() + " as JSON", e);
    }
    out.flush();
  }

  /** A new empty JSON object to fill. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }
}
