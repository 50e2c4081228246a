package org.coopledger.node.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.coopledger.governance.action.NetworkNode;
import org.coopledger.governance.checkpoint.NoteSigner;
import org.coopledger.governance.checkpoint.SignedNote;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

/**
 * A node learns another node's REST URL only from an announcement that node signed for this ledger,
 * newer than the one it holds: an attacker cannot send the network's cosignature requests (or the
 * URL {@code /v1/node} shows) elsewhere.
 */
class NodeUrlsTest {
  private static final String ORIGIN = "coopledger/demo-coop/0123456789abcdef";
  private static final long NOW = 1_800_000_000_000L;

  private final CoopFixture coop = CoopFixture.demo();
  private final SortedMap<String, NetworkNode> nodes = new TreeMap<>();
  private final NodeUrls urls;

  NodeUrlsTest() {
    nodes.put("ann", coop.node("ann", 7001));
    nodes.put("dan", coop.node("dan", 7004));
    urls =
        new NodeUrls(
            "ann",
            Optional.of(URI.create("http://10.0.0.1:8080")),
            coop.nodeKey("ann"),
            () -> Optional.of(ORIGIN),
            () -> nodes,
            name -> Optional.empty(),
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
  }

  private static byte[] announcement(
      String origin, String name, String url, long time, SigningKey key) {
    String text = NodeUrls.text(origin, name, URI.create(url), time);
    return SignedNote.sign(text, NoteSigner.of(name, key))
        .encode()
        .getBytes(StandardCharsets.UTF_8);
  }

  private byte[] byDan(String url, long time) {
    return announcement(ORIGIN, "dan", url, time, coop.nodeKey("dan"));
  }

  private static void refused(Runnable call, int status, String code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            WitnessException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.status()).isEqualTo(status);
            });
  }

  @Test
  void aNodeOfTheNetworkIsFoundWhereItsSignedAnnouncementSays() {
    assertThat(urls.url("dan")).isEmpty();
    urls.accept(byDan("http://10.0.0.4:8080", NOW - 1000));
    assertThat(urls.url("dan")).contains(URI.create("http://10.0.0.4:8080"));
    // The same announcement passed on by another node again is no error.
    urls.accept(byDan("http://10.0.0.4:8080", NOW - 1000));
    // A later one moves it.
    urls.accept(byDan("http://10.0.0.9:8080", NOW));
    assertThat(urls.url("dan")).contains(URI.create("http://10.0.0.9:8080"));
  }

  @Test
  void anAnnouncementNotSignedByTheNodesKeyFromTheStateMovesNothing() {
    urls.accept(byDan("http://10.0.0.4:8080", NOW - 1000));
    SigningKey attacker = SigningKey.generate();
    refused(
        () -> urls.accept(announcement(ORIGIN, "dan", "http://evil:80", NOW, attacker)),
        403,
        "BAD_ANNOUNCEMENT_SIGNATURE");
    // ann's key is a node's key, but not dan's.
    refused(
        () -> urls.accept(announcement(ORIGIN, "dan", "http://evil:80", NOW, coop.nodeKey("ann"))),
        403,
        "BAD_ANNOUNCEMENT_SIGNATURE");
    assertThat(urls.url("dan")).contains(URI.create("http://10.0.0.4:8080"));
  }

  @Test
  void anOldAnnouncementReplayedDoesNotMoveANodeBack() {
    byte[] old = byDan("http://10.0.0.4:8080", NOW - 5000);
    urls.accept(old);
    urls.accept(byDan("http://10.0.0.9:8080", NOW));
    refused(() -> urls.accept(old), 409, "STALE_ANNOUNCEMENT");
    assertThat(urls.url("dan")).contains(URI.create("http://10.0.0.9:8080"));
  }

  @Test
  void onlyOtherNodesOfTheStateOfThisLedgerAreTakenAndNothingFromTheFarFuture() {
    SigningKey eve = coop.nodeKey("eve");
    refused(
        () -> urls.accept(announcement(ORIGIN, "eve", "http://10.0.0.5:8080", NOW, eve)),
        403,
        "NOT_A_NODE");
    refused(
        () -> urls.accept(announcement(ORIGIN, "ann", "http://evil:80", NOW, coop.nodeKey("ann"))),
        403,
        "NOT_A_NODE");
    refused(
        () ->
            urls.accept(
                announcement(
                    "coopledger/other/0123456789abcdef",
                    "dan",
                    "http://10.0.0.4:8080",
                    NOW,
                    coop.nodeKey("dan"))),
        404,
        "UNKNOWN_ORIGIN");
    refused(
        () -> urls.accept(byDan("http://10.0.0.4:8080", NOW + 3_600_000)),
        400,
        "ANNOUNCEMENT_IN_FUTURE");
    refused(() -> urls.accept(byDan("ftp://10.0.0.4:8080", NOW)), 400, "MALFORMED_ANNOUNCEMENT");
    refused(
        () -> urls.accept("hello\n".getBytes(StandardCharsets.UTF_8)),
        400,
        "MALFORMED_ANNOUNCEMENT");
    assertThat(urls.url("dan")).isEmpty();
    assertThat(urls.url("ann")).contains(URI.create("http://10.0.0.1:8080"));
  }

  @Test
  void itsOwnAnnouncementIsOneTheOthersTake() {
    NodeUrls dan =
        new NodeUrls(
            "dan",
            Optional.empty(),
            coop.nodeKey("dan"),
            () -> Optional.of(ORIGIN),
            () -> nodes,
            name -> Optional.empty(),
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    dan.accept(urls.ownAnnouncement().orElseThrow().getBytes(StandardCharsets.UTF_8));
    assertThat(dan.url("ann")).contains(URI.create("http://10.0.0.1:8080"));
  }
}
