package io.threescaledoctor.checks.logs;

import java.nio.charset.StandardCharsets;

/**
 * What a container platform adds around each line of a program's output it keeps, which the program
 * itself never wrote: the time, as {@code oc logs --timestamps} and {@code kubectl logs
 * --timestamps} print it and a must-gather's {@code current.log} holds it ({@code
 * 2026-11-27T09:14:41.123456789Z }); in a node's CRI log file ({@code /var/log/pods/...}) the
 * stream and whether the line is whole after it ({@code stderr F }); in Docker's json-file log, a
 * JSON object around it. An engineer gets APIcast's log in these forms as often as bare; the
 * analysis reads the line as the program wrote it.
 */
final class ContainerWrapping {
  private ContainerWrapping() {}

  /**
   * The program's own line in {@code b[s, e)}, as {@code start << 32 | end} (see {@link #start} and
   * {@link #end}), or -1 when the platform added nothing. A Docker JSON line is decoded in place
   * from {@code s}.
   */
  static long unwrap(byte[] b, int s, int e) {
    int bare = skip(b, s, e);
    if (bare > s) {
      return (long) bare << 32 | e;
    }
    int end = unwrapDockerJson(b, s, e);
    return end < 0 ? -1 : (long) s << 32 | end;
  }

  /** Where the line {@link #unwrap} found starts. */
  static int start(long unwrapped) {
    return (int) (unwrapped >>> 32);
  }

  /** Where the line {@link #unwrap} found ends. */
  static int end(long unwrapped) {
    return (int) unwrapped;
  }

  /** Where the program's own line starts in {@code b[s, e)}: after a prefix, else {@code s}. */
  static int skip(byte[] b, int s, int e) {
    // 2026-11-27T09:14:41 at least, then a fraction, then Z or an offset, then a space.
    if (e - s < 21
        || b[s + 4] != '-'
        || b[s + 7] != '-'
        || b[s + 10] != 'T'
        || b[s + 13] != ':'
        || b[s + 16] != ':'
        || !digits(b, s, 4)
        || !digits(b, s + 5, 2)
        || !digits(b, s + 8, 2)
        || !digits(b, s + 11, 2)
        || !digits(b, s + 14, 2)
        || !digits(b, s + 17, 2)) {
      return s;
    }
    int i = s + 19;
    if (b[i] == '.') {
      int from = ++i;
      while (i < e && digit(b[i])) {
        i++;
      }
      if (i == from) {
        return s;
      }
    }
    if (i < e && b[i] == 'Z') {
      i++;
    } else if (i + 6 <= e
        && (b[i] == '+' || b[i] == '-')
        && digits(b, i + 1, 2)
        && b[i + 3] == ':'
        && digits(b, i + 4, 2)) {
      i += 6;
    } else {
      return s;
    }
    if (i >= e || b[i] != ' ') {
      return s;
    }
    i++;
    return i + criStreamAndTag(b, i, e);
  }

  /**
   * {@link #unwrap} for a line already decoded: the program's line, or {@code line} itself when the
   * platform added nothing.
   */
  static String strip(String line) {
    if (!line.startsWith("{") && (line.length() < 21 || line.charAt(10) != 'T')) {
      return line;
    }
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    long unwrapped = unwrap(b, 0, b.length);
    return unwrapped < 0
        ? line
        : new String(
            b, start(unwrapped), end(unwrapped) - start(unwrapped), StandardCharsets.UTF_8);
  }

  /** The note saying that {@code lines} lines were read without what the platform added. */
  static String note(long lines) {
    return lines
        + " line(s) came wrapped by the container platform (the time oc logs --timestamps and"
        + " must-gather write, a CRI log file's time, stream and tag, or Docker's JSON): read as"
        + " the program wrote them";
  }

  private static final byte[] DOCKER_JSON = "{\"log\":\"".getBytes(StandardCharsets.US_ASCII);

  /**
   * Unwraps a line of Docker's json-file log ({@code {"log":"...\n","stream":"stderr",...}}), the
   * form OpenShift 3.11 nodes keep containers' output in: decodes the {@code log} value in place,
   * from {@code s}, and returns where the program's line now ends; -1, with the line untouched,
   * when it is not one. Decoding never lengthens the text, so writing behind the reading is safe.
   */
  static int unwrapDockerJson(byte[] b, int s, int e) {
    if (e - s < DOCKER_JSON.length
        || !Bytes.same(b, s, DOCKER_JSON, 0)
        || decodeDockerJson(b, s, e, false) < 0) {
      return -1;
    }
    return decodeDockerJson(b, s, e, true);
  }

  /** Decodes the {@code log} value to {@code s} when {@code write}; its end, or -1 if malformed. */
  private static int decodeDockerJson(byte[] b, int s, int e, boolean write) {
    int out = s;
    int i = s + DOCKER_JSON.length;
    while (i < e) {
      byte c = b[i++];
      if (c == '"') {
        // Docker keeps the program's newline in the value.
        return write && out > s && b[out - 1] == '\n' ? out - 1 : out;
      }
      if (c != '\\') {
        out = put(b, out, c, write);
        continue;
      }
      if (i >= e) {
        return -1;
      }
      byte escaped = b[i++];
      switch (escaped) {
        case 'n' -> out = put(b, out, (byte) '\n', write);
        case 't' -> out = put(b, out, (byte) '\t', write);
        case 'r' -> out = put(b, out, (byte) '\r', write);
        case 'b' -> out = put(b, out, (byte) '\b', write);
        case 'f' -> out = put(b, out, (byte) '\f', write);
        case '"', '\\', '/' -> out = put(b, out, escaped, write);
        case 'u' -> {
          int code = hex4(b, i, e);
          if (code < 0) {
            return -1;
          }
          i += 4;
          if (Character.isHighSurrogate((char) code)) {
            int low = i + 6 <= e && b[i] == '\\' && b[i + 1] == 'u' ? hex4(b, i + 2, e) : -1;
            if (low >= 0 && Character.isLowSurrogate((char) low)) {
              code = Character.toCodePoint((char) code, (char) low);
              i += 6;
            }
          }
          out = utf8(b, out, code, write);
        }
        default -> {
          return -1;
        }
      }
    }
    return -1;
  }

  private static int put(byte[] b, int out, byte c, boolean write) {
    if (write) {
      b[out] = c;
    }
    return out + 1;
  }

  /** The four hex digits at {@code i} as a number, or -1. */
  private static int hex4(byte[] b, int i, int e) {
    if (i + 4 > e) {
      return -1;
    }
    int v = 0;
    for (int k = i; k < i + 4; k++) {
      int d = Character.digit(b[k], 16);
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }

  /** Writes {@code code} (a lone surrogate as U+FFFD) in UTF-8 at {@code out}; the new end. */
  private static int utf8(byte[] b, int out, int code, boolean write) {
    if (code <= 0xFFFF && Character.isSurrogate((char) code)) {
      code = 0xFFFD;
    }
    if (code < 0x80) {
      return put(b, out, (byte) code, write);
    }
    if (code < 0x800) {
      out = put(b, out, (byte) (0xC0 | code >> 6), write);
    } else if (code < 0x10000) {
      out = put(b, out, (byte) (0xE0 | code >> 12), write);
      out = put(b, out, (byte) (0x80 | code >> 6 & 0x3F), write);
    } else {
      out = put(b, out, (byte) (0xF0 | code >> 18), write);
      out = put(b, out, (byte) (0x80 | code >> 12 & 0x3F), write);
      out = put(b, out, (byte) (0x80 | code >> 6 & 0x3F), write);
    }
    return put(b, out, (byte) (0x80 | code & 0x3F), write);
  }

  /** The length of a CRI log's {@code stdout F } or {@code stderr P } at {@code i}, or 0. */
  private static int criStreamAndTag(byte[] b, int i, int e) {
    if (i + 9 > e
        || b[i] != 's'
        || b[i + 1] != 't'
        || b[i + 2] != 'd'
        || b[i + 6] != ' '
        || (b[i + 7] != 'F' && b[i + 7] != 'P')
        || b[i + 8] != ' ') {
      return 0;
    }
    boolean out = b[i + 3] == 'o' && b[i + 4] == 'u' && b[i + 5] == 't';
    boolean err = b[i + 3] == 'e' && b[i + 4] == 'r' && b[i + 5] == 'r';
    return out || err ? 9 : 0;
  }

  private static boolean digits(byte[] b, int from, int n) {
    for (int i = from; i < from + n; i++) {
      if (!digit(b[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }
}
