package io.threescaledoctor.core.report;

import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the time of one result went, for the waterfalls. Network checks put each phase's own
 * duration in evidence ({@value #DNS}, {@value #CONNECT}, {@value #TLS}, {@value #FIRST_BYTE}: the
 * wait from the request being sent to the first response byte) and the whole operation in {@value
 * #TOTAL}; any time the phases do not account for shows as "rest". A result without those keys
 * shows its own duration as one phase.
 *
 * @param id the result's id
 * @param status the result's status, for colouring the row
 * @param phases the phases in the order they happen, none with zero time
 * @param totalMillis the length of the bar
 */
public record Timing(String id, Status status, List<Phase> phases, long totalMillis) {
  /** Evidence key: milliseconds spent resolving the name. */
  public static final String DNS = "dnsMillis";

  /** Evidence key: milliseconds spent opening the TCP connection. */
  public static final String CONNECT = "connectMillis";

  /** Evidence key: milliseconds spent in the TLS handshake. */
  public static final String TLS = "tlsMillis";

  /** Evidence key: milliseconds from sending the request to the first response byte. */
  public static final String FIRST_BYTE = "firstByteMillis";

  /** Evidence key: milliseconds the whole operation took. */
  public static final String TOTAL = "totalMillis";

  /**
   * Evidence key tls.handshake uses for its handshake; read as {@value #TLS} when that is absent.
   */
  public static final String HANDSHAKE = "handshakeMillis";

  /** Every timing key, in the order the phases happen. */
  public static final List<String> KEYS = List.of(DNS, CONNECT, TLS, HANDSHAKE, FIRST_BYTE, TOTAL);

  /**
   * One stretch of a bar.
   *
   * @param name {@code dns}, {@code connect}, {@code tls}, {@code first byte}, {@code rest} or
   *     {@code run}
   * @param symbol the character the text waterfall draws it with
   * @param millis how long it took
   */
  public record Phase(String name, char symbol, long millis) {}

  public Timing {
    phases = List.copyOf(phases);
  }

  /** The timing of {@code r}, or empty for a result that did not run or took no measurable time. */
  public static Optional<Timing> of(CheckResult r) {
    if (r.status() == Status.SKIP) {
      return Optional.empty();
    }
    List<Phase> phases = new ArrayList<>();
    add(phases, "dns", 'd', millis(r, DNS));
    add(phases, "connect", 'c', millis(r, CONNECT));
    add(phases, "tls", 't', millis(r, TLS).or(() -> millis(r, HANDSHAKE)));
    add(phases, "first byte", 'w', millis(r, FIRST_BYTE));
    long sum = phases.stream().mapToLong(Phase::millis).sum();
    Optional<Long> total = millis(r, TOTAL);
    if (phases.isEmpty() && total.isEmpty()) {
      if (r.durationMillis() <= 0) {
        return Optional.empty();
      }
      return Optional.of(
          new Timing(
              r.id(),
              r.status(),
              List.of(new Phase("run", '=', r.durationMillis())),
              r.durationMillis()));
    }
    long length = Math.max(sum, total.orElse(0L));
    add(phases, "rest", '=', Optional.of(length - sum));
    return length <= 0
        ? Optional.empty()
        : Optional.of(new Timing(r.id(), r.status(), phases, length));
  }

  /** Every timing of {@code results}, in their order. */
  public static List<Timing> of(List<CheckResult> results) {
    return results.stream().map(Timing::of).flatMap(Optional::stream).toList();
  }

  /** Whether the bar has phases measured by the check, not just the check's own duration. */
  public boolean detailed() {
    return phases.stream().anyMatch(p -> !p.name().equals("run") && !p.name().equals("rest"));
  }

  private static void add(List<Phase> phases, String name, char symbol, Optional<Long> millis) {
    millis.filter(m -> m > 0).ifPresent(m -> phases.add(new Phase(name, symbol, m)));
  }

  private static Optional<Long> millis(CheckResult r, String key) {
    String value = r.evidence().get(key);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Math.round(Double.parseDouble(value.trim())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
