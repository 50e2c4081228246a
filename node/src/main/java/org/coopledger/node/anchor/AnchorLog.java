package org.coopledger.node.anchor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The anchors this node made, one JSON object per line in {@code anchors.jsonl} in the data
 * directory, appended and synced after each anchor. The chain is the authority; this log is the
 * node's receipt book (transaction hashes and blocks to look up). A torn last line (crash while
 * appending) is skipped. Thread-safe.
 */
public final class AnchorLog {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;
  private final List<AnchorRecord> records;

  private AnchorLog(Path file, List<AnchorRecord> records) {
    this.file = file;
    this.records = records;
  }

  public static AnchorLog open(Path dataDir) {
    Path file = dataDir.resolve("anchors.jsonl");
    List<AnchorRecord> records = new ArrayList<>();
    if (Files.exists(file)) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            parse(line).ifPresent(records::add);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the anchor log " + file, e);
      }
    }
    return new AnchorLog(file, records);
  }

  public synchronized void append(AnchorRecord record) {
    try (FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      channel.write(
          ByteBuffer.wrap(
              (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8)));
      channel.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the anchor log " + file, e);
    }
    records.add(record);
  }

  /** Every anchor, oldest first. */
  public synchronized List<AnchorRecord> all() {
    return List.copyOf(records);
  }

  public synchronized Optional<AnchorRecord> latest() {
    return records.isEmpty() ? Optional.empty() : Optional.of(records.get(records.size() - 1));
  }

  private static Optional<AnchorRecord> parse(String line) {
    try {
      return Optional.of(JSON.readValue(line, AnchorRecord.class));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
