package org.coopledger.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a JSON read model for people: a list of objects as an aligned table, an object as {@code
 * key: value} lines (its lists as tables below). Generic on purpose, so a node that adds a field
 * shows it without a new CLI.
 */
public final class TextView {
  private static final int MAX_CELL = 60;

  private TextView() {}

  public static void print(PrintWriter out, JsonNode json) {
    if (json.isArray()) {
      table(out, json);
    } else if (json.isObject()) {
      List<Map.Entry<String, JsonNode>> lists = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getValue().isArray()
            && field.getValue().size() > 0
            && field.getValue().get(0).isObject()) {
          lists.add(field);
        } else {
          out.println(field.getKey() + ": " + cell(field.getValue(), Integer.MAX_VALUE));
        }
      }
      for (Map.Entry<String, JsonNode> list : lists) {
        if (lists.size() > 1 || json.size() > 1) {
          out.println();
          out.println(list.getKey() + ":");
        }
        table(out, list.getValue());
      }
    } else {
      out.println(json.asText());
    }
    out.flush();
  }

  private static void table(PrintWriter out, JsonNode rows) {
    if (rows.isEmpty()) {
      out.println("(none)");
      return;
    }
    Set<String> columns = new LinkedHashSet<>();
    rows.forEach(row -> row.fieldNames().forEachRemaining(columns::add));
    if (columns.isEmpty()) {
      rows.forEach(row -> out.println(cell(row, Integer.MAX_VALUE)));
      return;
    }
    List<String> names = List.copyOf(columns);
    List<List<String>> cells = new ArrayList<>();
    int[] widths = names.stream().mapToInt(String::length).toArray();
    for (JsonNode row : rows) {
      List<String> line = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        String text = cell(row.path(names.get(i)), MAX_CELL);
        widths[i] = Math.max(widths[i], text.length());
        line.add(text);
      }
      cells.add(line);
    }
    out.println(line(names, widths));
    for (List<String> line : cells) {
      out.println(line(line, widths));
    }
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        text.append("  ");
      }
      text.append(cells.get(i));
      if (i < cells.size() - 1) {
        text.append(" ".repeat(widths[i] - cells.get(i).length()));
      }
    }
    return text.toString().stripTrailing();
  }

  private static String cell(JsonNode value, int max) {
    String text;
    if (value.isMissingNode() || value.isNull()) {
      text = "";
    } else if (value.isValueNode()) {
      text = value.asText();
    } else if (value.isArray() && allScalars(value)) {
      List<String> parts = new ArrayList<>();
      value.forEach(v -> parts.add(v.asText()));
      text = String.join(",", parts);
    } else if (value.isObject() && allScalars(value)) {
      List<String> parts = new ArrayList<>();
      value.fields().forEachRemaining(f -> parts.add(f.getKey() + "=" + f.getValue().asText()));
      text = String.join(" ", parts);
    } else {
      text = value.toString();
    }
    text = text.replace('\n', ' ');
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }

  private static boolean allScalars(JsonNode container) {
    for (JsonNode v : container) {
      if (!v.isValueNode()) {
        return false;
      }
    }
    return true;
  }
}
