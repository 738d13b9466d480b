package io.threescaledoctor.checks.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.tls.LegacyHello.Verdict;
import io.threescaledoctor.checks.tls.LegacyHello.Version;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The first record a peer answers a hand-made hello with, byte by byte: the edges of the record
 * format that real servers (in {@code TlsProtocolsCheckTest}) do not reach.
 */
class LegacyHelloTest {
  /** A record of {@code type} and {@code version} whose length field says {@code length}. */
  private static byte[] record(int type, int version, int length, byte... body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(type);
    out.write(version >> 8);
    out.write(version & 0xFF);
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** The first six bytes of a ServerHello handshake message agreeing to {@code version}. */
  private static byte[] serverHello(int version) {
    return new byte[] {2, 0, 0, 70, (byte) (version >> 8), (byte) (version & 0xFF)};
  }

  private static LegacyHello.Answer classify(Version offered, byte[] bytes) throws IOException {
    return LegacyHello.classify(offered, new ByteArrayInputStream(bytes));
  }

  @Test
  void aServerHelloOfSixBytesWithTheOfferedVersionIsAcceptance() throws IOException {
    LegacyHello.Answer a = classify(Version.TLS_1_0, record(22, 0x0301, 6, serverHello(0x0301)));

    assertThat(a.verdict()).isEqualTo(Verdict.ACCEPTED);
    assertThat(a.detail()).isEqualTo("ServerHello 0x0301: the peer agreed to TLSv1.0");
  }

  @Test
  void aLowerVersionIsNegotiatingDownAndAHigherOneABrokenPeer() throws IOException {
    assertThat(classify(Version.TLS_1_1, record(22, 0x0301, 6, serverHello(0x0301))).detail())
        .isEqualTo("ServerHello 0x0301: the peer does not speak TLSv1.1 and chose TLSv1.0 instead");
    assertThat(classify(Version.TLS_1_0, record(22, 0x0300, 6, serverHello(0x0200))).detail())
        .isEqualTo(
            "ServerHello 0x0200: the peer does not speak TLSv1.0 and chose version 0x0200 instead");
    LegacyHello.Answer higher =
        classify(Version.SSL_3_0, record(22, 0x0303, 6, serverHello(0x0303)));
    assertThat(higher.verdict()).isEqualTo(Verdict.OTHER_VERSION);
    assertThat(higher.detail())
        .isEqualTo("ServerHello 0x0303 to a SSLv3 hello: the peer should have refused");
  }

  @Test
  void anAlertIsARejectionByName() throws IOException {
    LegacyHello.Answer a = classify(Version.SSL_3_0, record(21, 0x0300, 2, (byte) 2, (byte) 40));

    assertThat(a.verdict()).isEqualTo(Verdict.REJECTED);
    assertThat(a.detail()).isEqualTo("alert handshake_failure (40)");
  }

  @Test
  void aClosedConnectionIsARejection() throws IOException {
    LegacyHello.Answer a = classify(Version.SSL_3_0, new byte[0]);

    assertThat(a.verdict()).isEqualTo(Verdict.REJECTED);
    assertThat(a.detail()).isEqualTo("the peer closed the connection");
  }

  @Test
  void aRecordUpToTheLargestTlsAllowsIsReadAndAnythingElseIsNotTls() throws IOException {
    byte[] longest = new byte[64];
    longest[0] = 2;
    longest[1] = 70;
    assertThat(classify(Version.TLS_1_0, record(21, 0x0301, 18432, longest)).verdict())
        .isEqualTo(Verdict.REJECTED);
    assertThat(classify(Version.TLS_1_0, record(21, 0x0301, 18433, longest)).detail())
        .isEqualTo("the first bytes are not a TLS record (0x15 0x0301)");
    assertThat(classify(Version.TLS_1_0, record(21, 0x0301, 0)).verdict())
        .isEqualTo(Verdict.NOT_TLS);
    assertThat(
            classify(
                    Version.TLS_1_0,
                    "HTTP/1.1 400 Bad Request\r\n".getBytes(StandardCharsets.US_ASCII))
                .verdict())
        .isEqualTo(Verdict.NOT_TLS);
    assertThat(classify(Version.TLS_1_0, record(23, 0x0301, 6, serverHello(0x0301))).detail())
        .isEqualTo("unexpected TLS record type 23");
  }

  @Test
  void eachHelloHasItsOwnRandomAndNamesTheServerOnlyWhenGivenOne() {
    byte[] first = LegacyHello.clientHello(Version.TLS_1_0, "api.test");
    byte[] second = LegacyHello.clientHello(Version.TLS_1_0, "api.test");
    byte[] anonymous = LegacyHello.clientHello(Version.TLS_1_0, null);

    assertThat(Arrays.copyOfRange(first, 11, 43)).isNotEqualTo(Arrays.copyOfRange(second, 11, 43));
    assertThat(new String(first, StandardCharsets.US_ASCII)).contains("api.test");
    assertThat(anonymous.length).isEqualTo(first.length - ("api.test".length() + 9));
    assertThat(LegacyHello.clientHello(Version.SSL_3_0, "api.test"))
        .as("SSLv3 predates extensions: no groups (12 bytes), point formats (6), renegotiation (5)")
        .hasSize(anonymous.length - 2 - 12 - 6 - 5);
  }
}
