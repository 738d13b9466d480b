package io.threescaledoctor.checks.tls;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Asks a peer whether it would speak SSLv3, TLS 1.0 or TLS 1.1, by writing a ClientHello for that
 * version ourselves and classifying the first record that comes back.
 *
 * <p>Why by hand: Java 17's JSSE refuses to send SSLv3, TLS 1.0 and TLS 1.1 hellos unless {@code
 * jdk.tls.disabledAlgorithms} is changed before the JVM's first TLS use, and that is process-wide:
 * a library embedded in someone's service must not weaken every other TLS connection in it. Bouncy
 * Castle's TLS client no longer offers SSLv3 at all. testssl.sh and sslscan solve the same problem
 * the same way: a hand-made hello over a plain socket, and only the server's first answer read, so
 * no weak session is ever completed (the socket is closed right after).
 *
 * <p>Classification of the first record: a ServerHello carrying the offered version means the
 * version is accepted; an alert (handshake_failure 40, protocol_version 70, insufficient_security
 * 71...) or a closed connection means rejected; a ServerHello with a lower version means the peer
 * does not speak the offered one and negotiated down (the JDK's server answers a TLS 1.1 hello with
 * TLS 1.0 when it has 1.0 and 1.2 but not 1.1; testssl calls that "not offered"); a higher version
 * means the peer is broken (it should have refused); anything else is not TLS.
 */
final class LegacyHello {
  private LegacyHello() {}

  /** The versions this class can offer, with their wire values. */
  enum Version {
    SSL_3_0("SSLv3", 0x0300),
    TLS_1_0("TLSv1.0", 0x0301),
    TLS_1_1("TLSv1.1", 0x0302);

    final String label;
    final int wire;

    Version(String label, int wire) {
      this.label = label;
      this.wire = wire;
    }
  }

  /** How the peer answered one hello. */
  enum Verdict {
    ACCEPTED,
    REJECTED,
    /**
     * A ServerHello with a lower version: the peer does not speak the offered one and negotiated
     * down, as TLS lets a server do (a TLS 1.0 server answering a TLS 1.1 hello).
     */
    LOWER_VERSION,
    /** A ServerHello with a higher version than offered: a broken peer. */
    OTHER_VERSION,
    NO_ANSWER,
    NOT_TLS
  }

  record Answer(Version offered, Verdict verdict, String detail) {}

  // Suites every SSLv3..TLS 1.1 server supports in some combination: ECDHE and DHE with AES-CBC,
  // plain RSA with AES-CBC and 3DES, RC4 for the oldest; plus the renegotiation SCSV.
  private static final int[] CIPHER_SUITES = {
    0xC014, 0xC013, 0xC00A, 0xC009, 0x0039, 0x0033, 0x0035, 0x002F, 0x000A, 0x0005, 0x0004, 0x00FF
  };

  static Answer probe(Socket socket, Version version, String serverName) {
    try {
      OutputStream out = socket.getOutputStream();
      out.write(clientHello(version, serverName));
      out.flush();
      return classify(version, socket.getInputStream());
    } catch (SocketTimeoutException e) {
      return new Answer(version, Verdict.NO_ANSWER, "no answer within the read timeout");
    } catch (EOFException e) {
      return new Answer(version, Verdict.REJECTED, "the peer closed the connection");
    } catch (SocketException e) {
      return new Answer(
          version, Verdict.REJECTED, "the peer reset the connection (" + e.getMessage() + ")");
    } catch (IOException e) {
      return new Answer(version, Verdict.NOT_TLS, e.getMessage());
    }
  }

  static Answer classify(Version offered, InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    int type = in.read();
    if (type == -1) {
      return new Answer(offered, Verdict.REJECTED, "the peer closed the connection");
    }
    int recordVersion = in.readUnsignedShort();
    int length = in.readUnsignedShort();
    if ((recordVersion >> 8) != 3 || length == 0 || length > 18432) {
      return new Answer(
          offered,
          Verdict.NOT_TLS,
          String.format(
              "the first bytes are not a TLS record (0x%02x 0x%04x)", type, recordVersion));
    }
    byte[] body = new byte[Math.min(length, 64)];
    in.readFully(body, 0, Math.min(length, body.length));
    if (type == 21 && body.length >= 2) {
      int description = body[1] & 0xFF;
      return new Answer(
          offered, Verdict.REJECTED, "alert " + alertName(description) + " (" + description + ")");
    }
    if (type == 22 && body.length >= 6 && body[0] == 2) {
      int serverVersion = ((body[4] & 0xFF) << 8) | (body[5] & 0xFF);
      if (serverVersion == offered.wire) {
        return new Answer(
            offered,
            Verdict.ACCEPTED,
            String.format(
                "ServerHello 0x%04x: the peer agreed to %s", serverVersion, offered.label));
      }
      if (serverVersion < offered.wire) {
        return new Answer(
            offered,
            Verdict.LOWER_VERSION,
            String.format(
                "ServerHello 0x%04x: the peer does not speak %s and chose %s instead",
                serverVersion, offered.label, label(serverVersion)));
      }
      return new Answer(
          offered,
          Verdict.OTHER_VERSION,
          String.format(
              "ServerHello 0x%04x to a %s hello: the peer should have refused",
              serverVersion, offered.label));
    }
    return new Answer(
        offered, Verdict.NOT_TLS, String.format("unexpected TLS record type %d", type));
  }

  private static String label(int wire) {
    for (Version v : Version.values()) {
      if (v.wire == wire) {
        return v.label;
      }
    }
    return String.format("version 0x%04x", wire);
  }

  static String alertName(int description) {
    return switch (description) {
      case 0 -> "close_notify";
      case 10 -> "unexpected_message";
      case 40 -> "handshake_failure";
      case 47 -> "illegal_parameter";
      case 50 -> "decode_error";
      case 70 -> "protocol_version";
      case 71 -> "insufficient_security";
      case 80 -> "internal_error";
      case 86 -> "inappropriate_fallback";
      case 112 -> "unrecognized_name";
      default -> "alert";
    };
  }

  /** A complete ClientHello record for {@code version}, with SNI for TLS versions. */
  static byte[] clientHello(Version version, String serverName) {
    ByteArrayOutputStream hello = new ByteArrayOutputStream();
    u16(hello, version.wire);
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    hello.writeBytes(random);
    hello.write(0); // no session id
    u16(hello, CIPHER_SUITES.length * 2);
    for (int suite : CIPHER_SUITES) {
      u16(hello, suite);
    }
    hello.write(1);
    hello.write(0); // null compression only
    if (version != Version.SSL_3_0) {
      // SSLv3 predates extensions; TLS 1.0/1.1 servers with ECDHE suites need these to answer.
      ByteArrayOutputStream ext = new ByteArrayOutputStream();
      if (serverName != null) {
        byte[] name = serverName.getBytes(StandardCharsets.US_ASCII);
        u16(ext, 0x0000);
        u16(ext, name.length + 5);
        u16(ext, name.length + 3);
        ext.write(0);
        u16(ext, name.length);
        ext.writeBytes(name);
      }
      u16(ext, 0x000A); // supported_groups: x25519, secp256r1, secp384r1
      u16(ext, 8);
      u16(ext, 6);
      u16(ext, 0x001D);
      u16(ext, 0x0017);
      u16(ext, 0x0018);
      u16(ext, 0x000B); // ec_point_formats: uncompressed
      u16(ext, 2);
      ext.write(1);
      ext.write(0);
      u16(ext, 0xFF01); // renegotiation_info, empty
      u16(ext, 1);
      ext.write(0);
      u16(hello, ext.size());
      hello.writeBytes(ext.toByteArray());
    }
    byte[] body = hello.toByteArray();
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    record.write(22);
    u16(record, version.wire);
    u16(record, body.length + 4);
    record.write(1); // ClientHello
    record.write(0);
    u16(record, body.length);
    record.writeBytes(body);
    return record.toByteArray();
  }

  private static void u16(ByteArrayOutputStream out, int value) {
    out.write((value >> 8) & 0xFF);
    out.write(value & 0xFF);
  }
}
