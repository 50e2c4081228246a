package org.coopledger.node.witness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.checkpoint.NoteSigner;
import org.coopledger.governance.checkpoint.NoteVerifier;
import org.coopledger.governance.checkpoint.SignatureType;
import org.coopledger.governance.checkpoint.SignedNote;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.governance.error.VerificationException;

/**
 * Where each node of the network serves its REST API: what a node needs to ask the others to
 * cosign. The co-op's state names each node's key and Raft address but not its URL (an operator may
 * move it without a vote), so each node announces its own URL in a note signed with its node key,
 * and passes on the announcements it holds: {@code POST /v1/node/url}, every two seconds, to every
 * node whose URL it knows. A node started with {@code --peers} knows those URLs from the start; a
 * node added later (started with {@code --join} and {@code --peers} naming the network's nodes)
 * makes itself known by announcing to them.
 *
 * <p>An announcement counts only if it names a node of this node's replayed state, is signed by
 * that node's key from the state, is for this ledger (its origin), and is newer than the one held
 * (so an old one replayed cannot move a node back to an old URL). A forged announcement can do no
 * more than a node that is down: the URL only says where to ask, and a cosignature counts only if
 * it verifies with the node's key. Thread-safe.
 */
public final class NodeUrls implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(NodeUrls.class.getName());
  static final String HEADER = "coopledger/node-url/v1";

  /** How far ahead of this node's clock an announcement may be dated. */
  private static final Duration FUTURE = Duration.ofMinutes(5);

  private static final Duration EVERY = Duration.ofSeconds(2);

  /** A verified announcement: the URL, its time, and the signed note to pass on. */
  private record Held(URI url, long timeMillis, String note) {}

  private final String self;
  private final Optional<URI> selfUrl;
  private final SigningKey key;
  private final Supplier<Optional<String>> origin;
  private final Supplier<SortedMap<String, NetworkNode>> nodes;
  private final Function<String, Optional<URI>> configured;
  private final Clock clock;
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("node-url-announcer").unstarted(r));

  /**
   * @param self this node's name in the network
   * @param selfUrl this node's own REST URL (from its entry in {@code --peers}); empty: it does not
   *     announce itself
   * @param key this node's key, with which it signs its announcements
   * @param origin the ledger's origin, once founded
   * @param nodes the network's nodes as this node's replayed state names them
   * @param configured the URL of a node from this node's {@code --peers}, if it names it
   */
  public NodeUrls(
      String self,
      Optional<URI> selfUrl,
      SigningKey key,
      Supplier<Optional<String>> origin,
      Supplier<SortedMap<String, NetworkNode>> nodes,
      Function<String, Optional<URI>> configured,
      Clock clock) {
    this.self = self;
    this.selfUrl = selfUrl;
    this.key = key;
    this.origin = origin;
    this.nodes = nodes;
    this.configured = configured;
    this.clock = clock;
  }

  /** Starts announcing (if this node has a URL of its own), every two seconds. */
  public NodeUrls start() {
    if (selfUrl.isPresent()) {
      timer.scheduleWithFixedDelay(
          this::announceQuietly, 1000, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /** The REST URL of node {@code name}: the latest it announced, else the configured one. */
  public Optional<URI> url(String name) {
    if (name.equals(self) && selfUrl.isPresent()) {
      return selfUrl;
    }
    Held h = held.get(name);
    return h != null ? Optional.of(h.url()) : configured.apply(name);
  }

  /** This node's own announcement, signed now; empty before the genesis entry or without a URL. */
  Optional<String> ownAnnouncement() {
    if (selfUrl.isEmpty() || origin.get().isEmpty()) {
      return Optional.empty();
    }
    String text = text(origin.get().get(), self, selfUrl.get(), clock.millis());
    return Optional.of(SignedNote.sign(text, NoteSigner.of(self, key)).encode());
  }

  static String text(String origin, String name, URI url, long timeMillis) {
    return HEADER + "\n" + origin + "\n" + name + "\n" + url + "\n" + timeMillis + "\n";
  }

  /**
   * Takes an announcement of another node's URL.
   *
   * @throws WitnessException 400 {@code MALFORMED_ANNOUNCEMENT} or {@code ANNOUNCEMENT_IN_FUTURE},
   *     404 {@code UNKNOWN_ORIGIN} (another ledger, or none yet), 403 {@code NOT_A_NODE} (the state
   *     names no such node) or {@code BAD_ANNOUNCEMENT_SIGNATURE} (not signed by that node's key),
   *     409 {@code STALE_ANNOUNCEMENT} (not newer than the one held)
   */
  public void accept(byte[] body) {
    SignedNote note;
    try {
      note = SignedNote.parse(body);
    } catch (VerificationException | IllegalArgumentException e) {
      throw new WitnessException(
          400, "MALFORMED_ANNOUNCEMENT", "not a signed note: " + e.getMessage());
    }
    String[] lines = note.text().split("\n", -1);
    if (lines.length != 6 || !lines[0].equals(HEADER) || !lines[5].isEmpty()) {
      throw new WitnessException(
          400,
          "MALFORMED_ANNOUNCEMENT",
          "an announcement is the lines " + HEADER + ", origin, node name, URL, time in ms");
    }
    String name = lines[2];
    URI url;
    long time;
    try {
      url = new URI(lines[3]);
      time = Long.parseLong(lines[4]);
    } catch (java.net.URISyntaxException | NumberFormatException e) {
      throw new WitnessException(
          400, "MALFORMED_ANNOUNCEMENT", "bad URL or time: " + e.getMessage());
    }
    if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
        || url.getHost() == null
        || url.getRawPath() != null && !url.getRawPath().isEmpty()
        || url.getRawQuery() != null
        || time < 0) {
      throw new WitnessException(
          400, "MALFORMED_ANNOUNCEMENT", "the URL must be http(s)://host:port, got " + lines[3]);
    }
    Optional<String> ledger = origin.get();
    if (ledger.isEmpty() || !ledger.get().equals(lines[1])) {
      throw new WitnessException(
          404, "UNKNOWN_ORIGIN", "this node serves another ledger (or none yet), not " + lines[1]);
    }
    NetworkNode node = nodes.get().get(name);
    if (node == null || name.equals(self)) {
      throw new WitnessException(
          403, "NOT_A_NODE", "the co-op's state names no other node called " + name);
    }
    try {
      note.verify(NoteVerifier.of(name, SignatureType.ED25519, node.key()));
    } catch (VerificationException e) {
      throw new WitnessException(
          403,
          "BAD_ANNOUNCEMENT_SIGNATURE",
          "the announcement is not signed by node " + name + "'s key: " + e.getMessage());
    }
    if (time > clock.millis() + FUTURE.toMillis()) {
      throw new WitnessException(
          400, "ANNOUNCEMENT_IN_FUTURE", "the announcement is dated in the future: " + time);
    }
    Held fresh = new Held(url, time, note.encode());
    Held before =
        held.compute(name, (n, old) -> old == null || old.timeMillis() < time ? fresh : old);
    if (before != fresh) {
      if (before.timeMillis() == time && before.url().equals(url)) {
        return; // the same announcement again, passed on by another node
      }
      throw new WitnessException(
          409,
          "STALE_ANNOUNCEMENT",
          "an announcement of node " + name + " dated " + before.timeMillis() + " is held already");
    }
    if (!url.equals(configured.apply(name).orElse(null))) {
      LOG.fine("node " + name + " is at " + url);
    }
  }

  private void announceQuietly() {
    try {
      announce();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "announcing this node's URL failed", e);
    }
  }

  /** Sends this node's announcement and the ones it holds to every other node it can reach. */
  void announce() {
    Optional<String> own = ownAnnouncement();
    if (own.isEmpty()) {
      return;
    }
    SortedMap<String, NetworkNode> network = nodes.get();
    List<String> notes = new ArrayList<>();
    notes.add(own.get());
    held.forEach(
        (name, h) -> {
          if (network.containsKey(name)) {
            notes.add(h.note());
          }
        });
    Set<URI> targets = new LinkedHashSet<>();
    for (String name : network.keySet()) {
      if (!name.equals(self)) {
        url(name).ifPresent(targets::add);
      }
    }
    for (URI target : targets) {
      for (String note : notes) {
        try {
          http.send(
              HttpRequest.newBuilder(target.resolve("/v1/node/url"))
                  .timeout(Duration.ofSeconds(2))
                  .header("Content-Type", "text/plain; charset=utf-8")
                  .POST(HttpRequest.BodyPublishers.ofString(note, StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (java.io.IOException e) {
          break; // down: the next round tries again
        }
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
