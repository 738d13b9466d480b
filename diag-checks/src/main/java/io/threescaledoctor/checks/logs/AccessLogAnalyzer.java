package io.threescaledoctor.checks.logs;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads nginx access logs in any {@code log_format}: the status breakdown over time (so a burst of
 * 5xx shows), the shares of 401/403 (credentials), 404 (no mapping rule), 429 (limits), and the
 * slowest paths when the format logs {@code $request_time}.
 */
public final class AccessLogAnalyzer {
  private static final int SLOWEST = 5;
  private static final int MAX_PATHS = 10_000;

  private final AccessLogFormat format;
  private Instant since;
  private Instant until;

  public AccessLogAnalyzer(AccessLogFormat format) {
    this.format = format;
  }

  public AccessLogAnalyzer window(Instant from, Instant to) {
    this.since = from;
    this.until = to;
    return this;
  }

  public AccessLogReport analyze(List<LogSource> sources) {
    long requests = 0;
    long unparsed = 0;
    TreeMap<Integer, Long> byStatus = new TreeMap<>();
    TreeMap<Instant, long[]> perMinute = new TreeMap<>();
    Map<String, double[]> paths = new HashMap<>();
    Instant first = null;
    Instant last = null;
    List<String> notes = new ArrayList<>();
    for (LogSource source : sources) {
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(source.open().in(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          Map<String, String> v = format.parse(line);
          Instant t = v == null ? null : AccessLogFormat.time(v);
          int status = v == null ? -1 : status(v.get("status"));
          if (t == null || status < 0) {
            unparsed++;
            continue;
          }
          if ((since != null && t.isBefore(since)) || (until != null && !t.isBefore(until))) {
            continue;
          }
          requests++;
          first = first == null || t.isBefore(first) ? t : first;
          last = last == null || t.isAfter(last) ? t : last;
          byStatus.merge(status, 1L, Long::sum);
          long[] m =
              perMinute.computeIfAbsent(
                  Instant.ofEpochSecond(t.getEpochSecond() - Math.floorMod(t.getEpochSecond(), 60)),
                  k -> new long[3]);
          m[0]++;
          if (status >= 500) {
            m[2]++;
          } else if (status >= 400) {
            m[1]++;
          }
          String rt = v.get("request_time");
          if (rt != null) {
            recordTime(paths, path(v), rt);
          }
        }
      } catch (NoSuchFileException e) {
        notes.add(source.name() + ": no such file");
      } catch (EOFException e) {
        notes.add(source.name() + ": compressed data ends early; what was before was read");
      } catch (IOException e) {
        notes.add(source.name() + ": cannot read (" + e.getMessage() + ")");
      }
    }
    if (unparsed > 0) {
      notes.add(
          unparsed
              + " line(s) do not have the log format "
              + format.format()
              + " and were skipped");
    }
    TreeMap<Instant, AccessLogReport.Minute> minutes = new TreeMap<>();
    perMinute.forEach((k, m) -> minutes.put(k, new AccessLogReport.Minute(m[0], m[1], m[2])));
    List<AccessLogReport.SlowPath> slowest =
        paths.entrySet().stream()
            .map(
                e ->
                    new AccessLogReport.SlowPath(
                        e.getKey(),
                        (long) e.getValue()[0],
                        e.getValue()[1] / e.getValue()[0],
                        e.getValue()[2]))
            .sorted(Comparator.comparingDouble(AccessLogReport.SlowPath::maxSeconds).reversed())
            .limit(SLOWEST)
            .toList();
    return new AccessLogReport(
        requests, unparsed, byStatus, minutes, slowest, first, last, List.copyOf(notes));
  }

  private static void recordTime(Map<String, double[]> paths, String path, String text) {
    double seconds;
    try {
      seconds = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return;
    }
    double[] p = paths.get(path);
    if (p == null) {
      if (paths.size() >= MAX_PATHS) {
        return;
      }
      p = new double[3];
      paths.put(path, p);
    }
    p[0]++;
    p[1] += seconds;
    p[2] = Math.max(p[2], seconds);
  }

  /** The request's path without its query (which may hold credentials). */
  private static String path(Map<String, String> v) {
    String p = v.get("uri");
    if (p == null) {
      String r = v.getOrDefault("request_uri", v.get("request"));
      if (r == null) {
        return "-";
      }
      String[] parts = r.split(" ");
      p = parts.length >= 2 ? parts[1] : parts[0];
    }
    int q = p.indexOf('?');
    return q >= 0 ? p.substring(0, q) : p;
  }

  private static int status(String s) {
    if (s == null || s.length() != 3) {
      return -1;
    }
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
