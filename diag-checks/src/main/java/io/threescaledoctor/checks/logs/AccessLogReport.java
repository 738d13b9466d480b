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
 * @param slowest the paths with the longest {@code $request_time}, slowest first (empty when the
 *     format has no {@code $request_time})
 * @param first the earliest request's time
 * @param last the latest request's time
 * @param notes what could not be read or was skipped
 */
public record AccessLogReport(
    long requests,
    long unparsed,
    SortedMap<Integer, Long> byStatus,
    SortedMap<Instant, Minute> perMinute,
    List<SlowPath> slowest,
    Instant first,
    Instant last,
    List<String> notes) {

  /** One minute's requests. */
  public record Minute(long requests, long clientErrors, long serverErrors) {}

  /** A path and how long its requests took. */
  public record SlowPath(String path, long requests, double averageSeconds, double maxSeconds) {}

  /** Requests with {@code status}, and with any status in {@code [from, to]}. */
  public long count(int from, int to) {
    return byStatus.subMap(from, to + 1).values().stream().mapToLong(Long::longValue).sum();
  }

  /** The share of requests in the status range, 0 when there are none. */
  public double share(int from, int to) {
    return requests == 0 ? 0 : (double) count(from, to) / requests;
  }
}
