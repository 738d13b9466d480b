package io.threescaledoctor.checks.logs;

import java.nio.charset.StandardCharsets;

/**
 * What a container platform writes before each line of a program's output it keeps, which the
 * program itself never wrote: the time, as {@code oc logs --timestamps} and {@code kubectl logs
 * --timestamps} print it and a must-gather's {@code current.log} holds it ({@code
 * 2026-11-27T09:14:41.123456789Z }), and in a node's CRI log file ({@code /var/log/pods/...}) the
 * stream and whether the line is whole after it ({@code stderr F }). An engineer gets APIcast's log
 * in these forms as often as bare; the analysis reads the line after the prefix.
 */
final class ContainerPrefix {
  private ContainerPrefix() {}

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

  /** The same, for a line already decoded: the line without its prefix (itself when none). */
  static String strip(String line) {
    if (line.length() < 21 || line.charAt(10) != 'T') {
      return line;
    }
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    int at = skip(b, 0, b.length);
    // The prefix is ASCII, so its length in bytes is its length in characters.
    return at == 0 ? line : line.substring(at);
  }

  /** The note saying that {@code lines} lines were read after their prefix. */
  static String note(long lines) {
    return lines
        + " line(s) carry a container log's prefix (the time oc logs --timestamps and must-gather"
        + " write, or a CRI log file's time, stream and tag): read after it";
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
