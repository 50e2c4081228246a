package org.coopledger.governance.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.coopledger.governance.action.Entry;
import org.coopledger.governance.action.Governed;
import org.coopledger.governance.action.Share;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.proto.EntryBody;
import org.coopledger.governance.proto.SignedEntry;
import org.coopledger.testkit.CoopFixture;
import org.junit.jupiter.api.Test;

class EntryCodecTest {
  private final CoopFixture coop = CoopFixture.demo();

  @Test
  void everyActionSurvivesEncodingAndDecoding() {
    List<byte[]> entries =
        List.of(
            coop.genesis("", List.of(new Share(coop.id("alice"), 10_000))),
            coop.rotateKey("bob"),
            coop.propose(
                "alice", "pay", new Governed.Payout(coop.id("alice"), 5, "EUR", "invoice 12")),
            coop.propose("alice", "roles", new Governed.ChangeRoles(coop.id("tess"), List.of("a"))),
            coop.revenue("tess", 99, "USD", "drop:winter"));
    for (byte[] signed : entries) {
      DecodedEntry decoded = EntryCodec.decode(signed);
      Entry entry = decoded.entry();
      assertThat(EntryCodec.encodeBody(entry)).isEqualTo(decoded.body());
      assertThat(EntryCodec.encodeSigned(decoded.body(), decoded.signatures())).isEqualTo(signed);
    }
  }

  @Test
  void signaturesCoverThePrefixAndTheBodyBytesAsReceived() {
    byte[] signed = coop.revenue("tess", 99, "EUR", "workshop");
    DecodedEntry decoded = EntryCodec.decode(signed);
    byte[] expected = SigningBytes.of(decoded.body());
    assertThat(new String(Arrays.copyOf(expected, 20), java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("coopledger/entry/v1\n");
    coop.key("tess").publicKey().verify(expected, decoded.signatures().get(0).signature());
  }

  @Test
  void garbageIsAMalformedEntry() {
    assertThatThrownBy(() -> EntryCodec.decode(new byte[] {(byte) 0xff, 0x01}))
        .isInstanceOf(CoopException.class)
        .extracting(e -> ((CoopException) e).code())
        .isEqualTo("MALFORMED_ENTRY");
    assertThatThrownBy(() -> EntryCodec.decode(new byte[0])).hasMessageContaining("empty");
  }

  @Test
  void aBodyWithAnUnknownFieldIsRefusedAsUnknownField() throws Exception {
    byte[] signed = coop.revenue("tess", 99, "EUR", "workshop");
    SignedEntry envelope = SignedEntry.parseFrom(signed);
    EntryBody body = EntryBody.parseFrom(envelope.getBody());
    byte[] extended =
        body.toBuilder()
            .setUnknownFields(
                com.google.protobuf.UnknownFieldSet.newBuilder()
                    .addField(
                        15,
                        com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(1).build())
                    .build())
            .build()
            .toByteArray();
    byte[] tampered =
        envelope.toBuilder()
            .setBody(com.google.protobuf.ByteString.copyFrom(extended))
            .build()
            .toByteArray();
    assertThatThrownBy(() -> EntryCodec.decode(tampered))
        .hasMessageContaining("fields this version does not know")
        .extracting(e -> ((CoopException) e).code())
        .isEqualTo("UNKNOWN_FIELD");
  }

  @Test
  void anEntryWithoutActionIsMalformed() {
    byte[] body =
        EntryBody.newBuilder()
            .setCoopId("demo-coop")
            .setAuthorKeyId(coop.id("alice").hex())
            .setNonce(1)
            .build()
            .toByteArray();
    assertThatThrownBy(() -> EntryCodec.decode(EntryCodec.encodeSigned(body, List.of())))
        .hasMessageContaining("no action");
  }

  @Test
  void aBadCurrencyIsAnInvalidActionWithAHint() {
    assertThatThrownBy(() -> coop.revenue("tess", 1, "euro", "workshop"))
        .extracting(e -> ((CoopException) e).code())
        .isEqualTo("INVALID_ACTION");
    assertThatThrownBy(() -> coop.revenue("tess", 1, "EUR", "gift"))
        .hasMessageContaining("drop:<name>");
  }

  @Test
  void foundersSignTheGenesisInTurnWithoutChangingItsBody() {
    byte[] genesis = coop.genesis();
    DecodedEntry decoded = EntryCodec.decode(genesis);
    assertThat(decoded.signatures()).hasSize(5);
    assertThatThrownBy(() -> EntrySigner.cosign(genesis, coop.key("alice")))
        .hasMessageContaining("already signed");
  }

  @Test
  void aLedgerRecordRoundTripsAndRefusesTrailingGarbage() {
    AcceptedEntry record = new AcceptedEntry(coop.revenue("tess", 1, "EUR", "workshop"), 42);
    assertThat(AcceptedEntry.fromBytes(record.toBytes())).isEqualTo(record);
    byte[] longer = Arrays.copyOf(record.toBytes(), record.toBytes().length + 2);
    longer[longer.length - 2] = 0x18; // field 3, varint
    longer[longer.length - 1] = 0x01;
    assertThatThrownBy(() -> AcceptedEntry.fromBytes(longer)).isInstanceOf(CoopException.class);
  }
}
