package org.coopledger.governance.checkpoint;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.coopledger.governance.crypto.SigningKey;
import org.coopledger.governance.error.VerificationException;
import org.junit.jupiter.api.Test;

/**
 * Notes, keys and checkpoints published by the specs and by independent implementations. Signing
 * must reproduce them byte for byte and verification must accept them: that is what lets any other
 * implementation check what a coopledger node signs.
 */
class PublishedVectorsTest {
  // golang.org/x/mod/sumdb/note, package documentation and ExampleSign /
  // ExampleSign_add_signatures.
  private static final String PETER_SKEY =
      "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  private static final String PETER_VKEY =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  private static final String ENOCH_VKEY =
      "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
  private static final String PETER_TEXT =
      """
      If you think cryptography is the answer to your problem,
      then you don't know what your problem is.
      """;
  private static final String PETER_LINE =
      "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
  private static final String ENOCH_LINE =
      "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

  // A real checkpoint of a Certificate Transparency log, cosigned by public witnesses; its log key
  // (type 0x01) and the remora.n621.de witness key (type 0x04) are published verifier keys.
  private static final String ARCHE_LOG_VKEY =
      "arche2025h1.staging.ct.transparency.dev+ba2f06c0+AU0vHmlGCS/PdN8b2OaGmKprLI8HKM+dJ472xgFYh15f";
  private static final String REMORA_VKEY =
      "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2";
  private static final String ARCHE_NOTE =
      """
      arche2025h1.staging.ct.transparency.dev
      1432088532
      U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=

      \u2014 arche2025h1.staging.ct.transparency.dev zTM8sQAAAZ5W0WdjBAMARjBEAiBjW5IQf9pvsYLfQFX6hoGREPMHbdQ3urbllzalApkptQIgIpwtEroeW2BXaHAI4kJXFbon5Ch9MNL5zRNZ55lvGt0=
      \u2014 arche2025h1.staging.ct.transparency.dev ui8GwCF1+kWqZrxGdhj4aX3gcw7XUlXQQabg/27lefwhUkzbC3NygNI75MdhL1bfTW9g8Ei59RA23oHP7Ry1k3ZFWwQ=
      \u2014 transparency.dev/DEV:witness-little-garden 2AQqhwAAAABqEiEgzgFIqqhbUoDwjMWE6UP8nd8/KYTzwZ2rhIgcqoXHAwVkjZr4AscylP3v7sEodkRAErumC2q44vdgJY096st5BQ==
      \u2014 witness1.smartit.nu/witness1 pIyCDwAAAABqEiEghIp82KWebrw7/oHQwlTAm3g2RKS4+eebl8eO0WH+/iEcxZ75W3u5hNI7TOQtmJbqmNWVuE0tgh0XwzdZsDsUAQ==
      \u2014 remora.n621.de 2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI+aVCIobWX9sXTynk5XeU/zZ0WBxtqB0DrAWfBw==
      \u2014 witness.stagemole.eu Z/euoAAAAABqEiEgw0i+7g2ENfDAWHmtRzCfKTHSDwYDJA2NmKeGi9Y8FtEyOUvVr+AJmIY/2TUFucgKi7lI7cUiOvKFYe/TmN9DAg==
      """;

  @Test
  void signingWithTheGoExampleKeyReproducesThePublishedNoteByteForByte() {
    NoteSigner peter = NoteSigner.parse(PETER_SKEY);
    assertThat(peter.verifier().vkey()).isEqualTo(PETER_VKEY);

    SignedNote note = SignedNote.sign(PETER_TEXT, peter);

    assertThat(note.encode()).isEqualTo(PETER_TEXT + "\n" + PETER_LINE);
    assertThat(note.verify(NoteVerifier.parse(PETER_VKEY))).isEqualTo(PETER_TEXT);
  }

  @Test
  void addingTheZeroSeedEnochRootSignatureReproducesTheDoublySignedExample() {
    // The Go example generates EnochRoot's key from a reader of zeros: its seed is 32 zero bytes.
    NoteSigner enoch = NoteSigner.of("EnochRoot", SigningKey.fromSeed(new byte[32]));
    assertThat(enoch.verifier().vkey()).isEqualTo(ENOCH_VKEY);

    SignedNote note = SignedNote.parse(PETER_TEXT + "\n" + PETER_LINE);
    SignedNote both = note.withSignature(enoch.sign(note.text()));

    assertThat(both.encode()).isEqualTo(PETER_TEXT + "\n" + PETER_LINE + ENOCH_LINE);
    assertThat(both.verify(NoteVerifier.parse(PETER_VKEY), NoteVerifier.parse(ENOCH_VKEY)))
        .isEqualTo(PETER_TEXT);
  }

  @Test
  void theSignedNoteSpecExampleVerifiesWithItsVerifierKey() {
    NoteVerifier foo =
        NoteVerifier.parse("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");
    String note =
        "This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    assertThat(SignedNote.parse(note).verify(foo)).isEqualTo("This is an example message.\n");
    assertThat(foo.type()).isEqualTo(SignatureType.ED25519);
    assertThat(foo.keyHash()).isEqualTo(0x530d903a);
  }

  @Test
  void aRealWitnessCosignedCheckpointVerifiesForItsLogAndWitnessKeys() {
    NoteVerifier log = NoteVerifier.parse(ARCHE_LOG_VKEY);
    NoteVerifier remora = NoteVerifier.parse(REMORA_VKEY);
    assertThat(remora.type()).isEqualTo(SignatureType.COSIGNATURE_V1);

    // Lines by keys we do not know (an RFC 6962 signature under the log's own name, other
    // witnesses) are ignored.
    SignedCheckpoint verified =
        SignedCheckpoint.verify(ARCHE_NOTE.getBytes(UTF_8), log, List.of(remora));

    Checkpoint checkpoint = verified.checkpoint();
    assertThat(checkpoint.origin()).isEqualTo("arche2025h1.staging.ct.transparency.dev");
    assertThat(checkpoint.size()).isEqualTo(1432088532L);
    assertThat(Base64.getEncoder().encodeToString(checkpoint.rootHash()))
        .isEqualTo("U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=");
    Cosignature cosignature = verified.cosignature(remora);
    assertThat(cosignature.timestamp()).isEqualTo(1779573024L);
    cosignature.verify(checkpoint, remora);
  }

  @Test
  void theRealCheckpointFailsOnceItsTreeSizeIsAltered() {
    byte[] altered = ARCHE_NOTE.replace("\n1432088532\n", "\n1432088533\n").getBytes(UTF_8);
    NoteVerifier log = NoteVerifier.parse(ARCHE_LOG_VKEY);
    NoteVerifier remora = NoteVerifier.parse(REMORA_VKEY);

    assertThatThrownBy(() -> SignedCheckpoint.verify(altered, log))
        .isInstanceOf(VerificationException.class)
        .extracting(e -> ((VerificationException) e).code())
        .isEqualTo("BAD_NOTE_SIGNATURE");
    assertThatThrownBy(() -> SignedNote.parse(altered).verify(remora))
        .isInstanceOf(VerificationException.class)
        .extracting(e -> ((VerificationException) e).code())
        .isEqualTo("BAD_NOTE_SIGNATURE");
  }

  @Test
  void theCheckpointSpecExampleParsesAndItsCosignatureCarriesTheSpecTimestamp() {
    String note =
        """
        example.com/behind-the-sofa
        20852163
        CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=

        \u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
        \u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==
        """;
    SignedNote parsed = SignedNote.parse(note);
    Checkpoint checkpoint = Checkpoint.parse(parsed.text());

    assertThat(checkpoint.origin()).isEqualTo("example.com/behind-the-sofa");
    assertThat(checkpoint.size()).isEqualTo(20852163L);
    assertThat(checkpoint.body()).isEqualTo(parsed.text());
    Cosignature cosignature = Cosignature.fromLine(parsed.signatures().get(1));
    assertThat(cosignature.name()).isEqualTo("witness.example.com/w1");
    assertThat(cosignature.keyHash()).isEqualTo(0x8d66cf3f);
    assertThat(cosignature.timestamp()).isEqualTo(1679315147L); // "time 1679315147" in the spec
    assertThat(parsed.encode()).isEqualTo(note);
  }
}
