package io.threescaledoctor.checks.logs;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * What an access log shows.
 *
 * @param requests requests read (within the window)
 * @param unparsed lines that do not have the log format's shape
 * @param byStatus requests per status code
 * @param perMinute per minute: requests, and of them 4xx and 5xx
 * @param all every request read
 * @param recent the requests within the recent period before the analysis' clock
 * @param paths per path (numbers and ids in it folded into {@code {id}}), the busiest first
 * @param morePaths paths left out of {@code paths} (too many to keep)
 * @param upstreams per upstream address ({@code $upstream_addr}), the busiest first; empty when the
 *     format does not log it
 * @param first the earliest request's time
 * @param last the latest request's time
 * @param notes what could not be read or was skipped
 * @param ownProbeRequests requests within the window that the doctor sent itself (its user agent,
 *     or its mark in the request line), set aside: counted nowhere else
 */
public record AccessLogReport(
    long requests,
    long unparsed,
    SortedMap<Integer, Long> byStatus,
    SortedMap<Instant, Minute> perMinute,
    Traffic all,
    Traffic recent,
    List<Traffic> paths,
    long morePaths,
    List<Traffic> upstreams,
    Instant first,
    Instant last,
    List<String> notes,
    long ownProbeRequests) {

  /** One minute's requests. */
  public record Minute(long requests, long clientErrors, long serverErrors) {}

  /**
   * The requests of one path, one upstream, or all of them.
   *
   * @param key the path, the upstream's address, or {@code *}
   * @param requests how many
   * @param byClass requests per status class: index 1 for 1xx ... 5 for 5xx, 0 for anything else
   * @param unauthorized 401 and 403 answers (credentials missing or refused)
   * @param notFound 404 answers (no mapping rule, or no such path)
   * @param limited 429 answers (limits)
   * @param noAnswer for an upstream: attempts that got no HTTP answer from it (nginx logs its
   *     status as 502 or 504 or none); 0 otherwise
   * @param requestTime {@code $request_time}, when the format has it
   * @param upstreamTime {@code $upstream_response_time}, when the format has it
   * @param lastSeen the latest request's time
   */
  public record Traffic(
      String key,
      long requests,
      long[] byClass,
      long unauthorized,
      long notFound,
      long limited,
      long noAnswer,
      Latency requestTime,
      Latency upstreamTime,
      Instant lastSeen) {

    public long serverErrors() {
      return byClass[5];
    }

    /** The share of {@code count} in the requests, 0 when there are none. */
    public double share(long count) {
      return requests == 0 ? 0 : (double) count / requests;
    }

    /** {@code 2xx 120 · 4xx 3 · 5xx 1}, leaving out empty classes. */
    public String classes() {
      StringBuilder sb = new StringBuilder();
      for (int c = 1; c <= 5; c++) {
        if (byClass[c] > 0) {
          sb.append(sb.length() == 0 ? "" : " · ").append(c).append("xx ").append(byClass[c]);
        }
      }
      if (byClass[0] > 0) {
        sb.append(sb.length() == 0 ? "" : " · ").append("other ").append(byClass[0]);
      }
      return sb.toString();
    }
  }

  /**
   * Percentiles of a duration, in seconds; NaN when nothing was logged.
   *
   * @param count how many values
   */
  public record Latency(long count, double p50, double p95, double p99, double max) {
    static final Latency NONE = new Latency(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public boolean isEmpty() {
      return count == 0;
    }

    /** {@code p50 0.012s p95 0.240s p99 1.300s max 2.001s}. */
    public String describe() {
      return "p50 "
          + Figures.decimals(p50, 3)
          + "s p95 "
          + Figures.decimals(p95, 3)
          + "s p99 "
          + Figures.decimals(p99, 3)
          + "s max "
          + Figures.decimals(max, 3)
          + "s";
    }
  }

  /** Requests with any status in {@code [from, to]}. */
  public long count(int from, int to) {
    return byStatus.subMap(from, to + 1).values().stream().mapToLong(Long::longValue).sum();
  }

  /** The share of requests in the status range, 0 when there are none. */
  public double share(int from, int to) {
    return requests == 0 ? 0 : (double) count(from, to) / requests;
  }
}
