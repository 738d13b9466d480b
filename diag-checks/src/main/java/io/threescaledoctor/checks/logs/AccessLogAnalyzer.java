package io.threescaledoctor.checks.logs;

import io.threescaledoctor.checks.http.OwnProbes;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads nginx access logs in any {@code log_format}: status classes over time (so a burst of 5xx
 * shows), per path and per upstream ({@code $upstream_addr}) the status classes and the percentiles
 * of {@code $request_time} and {@code $upstream_response_time} when the format has them, and the
 * same for the recent period the checks judge. The doctor's own requests ({@link OwnProbes}) are
 * counted apart and left out of everything else: they are not the clients' traffic. Memory stays
 * flat: paths are folded ({@code /orders/123} is {@code /orders/{id}}) and at most {@value
 * #MAX_PATHS} are kept.
 */
public final class AccessLogAnalyzer {
  static final int MAX_PATHS = 2000;
  private static final int MAX_UPSTREAMS = 500;
  private static final Pattern ID_SEGMENT =
      Pattern.compile(
          "\\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
              + "|[0-9a-fA-F]{16,}|[^/]{41,}");

  private final AccessLogFormat format;
  private Instant since;
  private Instant until;
  private Instant recentFrom;

  public AccessLogAnalyzer(AccessLogFormat format) {
    this.format = format;
  }

  /** Only requests with {@code from <= time < to} count; either may be null. */
  public AccessLogAnalyzer window(Instant from, Instant to) {
    this.since = from;
    this.until = to;
    return this;
  }

  /** Requests at or after {@code from} are also counted as recent (the part the checks judge). */
  public AccessLogAnalyzer recentFrom(Instant from) {
    this.recentFrom = from;
    return this;
  }

  public AccessLogReport analyze(List<LogSource> sources) {
    long requests = 0;
    long unparsed = 0;
    long ownProbeRequests = 0;
    long wrappedLines = 0;
    TreeMap<Integer, Long> byStatus = new TreeMap<>();
    TreeMap<Instant, long[]> perMinute = new TreeMap<>();
    Tally all = new Tally("*");
    Tally recent = new Tally("*");
    Map<String, Tally> paths = new LinkedHashMap<>();
    long morePaths = 0;
    Map<String, Tally> upstreams = new LinkedHashMap<>();
    Instant first = null;
    Instant last = null;
    List<String> notes = new ArrayList<>();
    for (LogSource source : sources) {
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(source.open().in(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          String bare = ContainerWrapping.strip(line);
          if (bare != line) {
            wrappedLines++;
          }
          Map<String, String> v = format.parse(bare);
          Instant t = v == null ? null : AccessLogFormat.time(v);
          int status = v == null ? -1 : status(v.get("status"));
          if (t == null || status < 0) {
            unparsed++;
            continue;
          }
          if ((since != null && t.isBefore(since)) || (until != null && !t.isBefore(until))) {
            continue;
          }
          if (fromOwnProbe(v)) {
            ownProbeRequests++;
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
          long requestMillis = millis(v.get("request_time"));
          long upstreamMillis = lastMillis(v.get("upstream_response_time"));
          all.add(status, t, requestMillis, upstreamMillis);
          if (recentFrom != null && !t.isBefore(recentFrom)) {
            recent.add(status, t, requestMillis, upstreamMillis);
          }
          String path = path(v);
          Tally p = paths.get(path);
          if (p == null && paths.size() < MAX_PATHS) {
            p = new Tally(path);
            paths.put(path, p);
          }
          if (p == null) {
            morePaths++;
          } else {
            p.add(status, t, requestMillis, upstreamMillis);
          }
          addUpstreams(upstreams, v, t);
        }
      } catch (NoSuchFileException e) {
        notes.add(source.name() + ": no such file");
      } catch (EOFException e) {
        notes.add(source.name() + ": compressed data ends early; what was before was read");
      } catch (IOException e) {
        notes.add(source.name() + ": cannot read (" + e.getMessage() + ")");
      }
    }
    if (wrappedLines > 0) {
      notes.add(ContainerWrapping.note(wrappedLines));
    }
    if (unparsed > 0) {
      notes.add(
          unparsed
              + " line(s) do not have the log format "
              + format.format()
              + " and were skipped");
    }
    if (morePaths > 0) {
      notes.add(
          "more than "
              + MAX_PATHS
              + " different paths: "
              + morePaths
              + " request(s) to the others count only in the totals");
    }
    TreeMap<Instant, AccessLogReport.Minute> minutes = new TreeMap<>();
    perMinute.forEach((k, m) -> minutes.put(k, new AccessLogReport.Minute(m[0], m[1], m[2])));
    return new AccessLogReport(
        requests,
        unparsed,
        byStatus,
        minutes,
        all.traffic(),
        recent.traffic(),
        busiestFirst(paths),
        morePaths,
        busiestFirst(upstreams),
        first,
        last,
        List.copyOf(notes),
        ownProbeRequests);
  }

  /** Whether the doctor sent the request: its user agent, or its mark in the request line. */
  static boolean fromOwnProbe(Map<String, String> v) {
    if (OwnProbes.isOwnUserAgent(v.get("http_user_agent"))) {
      return true;
    }
    for (String variable : List.of("request", "request_uri", "args", "query_string")) {
      if (OwnProbes.isOwnRequestLine(v.get(variable))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Counts each upstream a request tried: {@code $upstream_addr} lists them ({@code "a, b"}, and
   * {@code " : "} between upstream groups), {@code $upstream_status} and {@code
   * $upstream_response_time} give each one's answer in the same order.
   */
  private static void addUpstreams(Map<String, Tally> upstreams, Map<String, String> v, Instant t) {
    String addr = v.get("upstream_addr");
    if (addr == null || addr.isBlank() || addr.equals("-")) {
      return;
    }
    String[] addresses = addr.split("\\s*[,:]\\s+");
    String[] statuses = split(v.get("upstream_status"));
    String[] times = split(v.get("upstream_response_time"));
    for (int i = 0; i < addresses.length; i++) {
      String a = addresses[i].trim();
      if (a.isEmpty() || a.equals("-")) {
        continue;
      }
      Tally u = upstreams.get(a);
      if (u == null) {
        if (upstreams.size() >= MAX_UPSTREAMS) {
          continue;
        }
        u = new Tally(a);
        upstreams.put(a, u);
      }
      int status = i < statuses.length ? status(statuses[i]) : -1;
      long millis = i < times.length ? millis(times[i]) : -1;
      u.addAttempt(status, t, millis);
    }
  }

  private static String[] split(String list) {
    return list == null ? new String[0] : list.split("\\s*[,:]\\s+");
  }

  private static List<AccessLogReport.Traffic> busiestFirst(Map<String, Tally> tallies) {
    return tallies.values().stream()
        .sorted(Comparator.comparingLong((Tally t) -> t.requests).reversed())
        .map(Tally::traffic)
        .toList();
  }

  /** The request's path without its query (which may hold credentials), ids folded. */
  static String path(Map<String, String> v) {
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
    if (q >= 0) {
      p = p.substring(0, q);
    }
    List<String> segments = new ArrayList<>();
    for (String segment : p.split("/", -1)) {
      segments.add(!segment.isEmpty() && ID_SEGMENT.matcher(segment).matches() ? "{id}" : segment);
    }
    String folded = String.join("/", segments);
    return folded.isEmpty() ? "/" : folded;
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

  /** nginx's seconds with milliseconds ({@code 0.012}) as milliseconds, or -1 ({@code -}). */
  static long millis(String seconds) {
    if (seconds == null || seconds.isEmpty() || seconds.equals("-")) {
      return -1;
    }
    try {
      return Math.round(Double.parseDouble(seconds.trim()) * 1000);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The last of a list of times ({@code 0.001, 0.010}): the upstream that answered. */
  private static long lastMillis(String list) {
    if (list == null) {
      return -1;
    }
    String[] times = split(list);
    return times.length == 0 ? -1 : millis(times[times.length - 1]);
  }

  /** Counts for one group of requests. */
  private static final class Tally {
    final String key;
    long requests;
    final long[] byClass = new long[6];
    long unauthorized;
    long notFound;
    long limited;
    long noAnswer;
    final LatencyHistogram requestTime = new LatencyHistogram();
    final LatencyHistogram upstreamTime = new LatencyHistogram();
    Instant lastSeen;

    Tally(String key) {
      this.key = key;
    }

    void add(int status, Instant t, long requestMillis, long upstreamMillis) {
      requests++;
      byClass[status >= 100 && status < 600 ? status / 100 : 0]++;
      if (status == 401 || status == 403) {
        unauthorized++;
      } else if (status == 404) {
        notFound++;
      } else if (status == 429) {
        limited++;
      }
      if (requestMillis >= 0) {
        requestTime.add(requestMillis);
      }
      if (upstreamMillis >= 0) {
        upstreamTime.add(upstreamMillis);
      }
      lastSeen = lastSeen == null || t.isAfter(lastSeen) ? t : lastSeen;
    }

    /** One attempt at an upstream: its own status (none when it gave no HTTP answer). */
    void addAttempt(int status, Instant t, long millis) {
      if (status < 0 || status == 502 || status == 504) {
        noAnswer++;
      }
      add(status, t, -1, millis);
    }

    AccessLogReport.Traffic traffic() {
      return new AccessLogReport.Traffic(
          key,
          requests,
          byClass.clone(),
          unauthorized,
          notFound,
          limited,
          noAnswer,
          latency(requestTime),
          latency(upstreamTime),
          lastSeen);
    }

    private static AccessLogReport.Latency latency(LatencyHistogram h) {
      if (h.count() == 0) {
        return AccessLogReport.Latency.NONE;
      }
      return new AccessLogReport.Latency(
          h.count(),
          h.quantileSeconds(0.50),
          h.quantileSeconds(0.95),
          h.quantileSeconds(0.99),
          h.maxSeconds());
    }
  }
}
