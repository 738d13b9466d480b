package io.threescaledoctor.checks.net;

import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.profile.Durations;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * The one place an exception from a socket, the TLS stack or the HTTP codec becomes an {@link
 * Outcome} with words a person can act on. Every probe classifies through it, so the same event
 * reads the same in {@code tcp.connect}, {@code tls.handshake} and {@code http.request}.
 */
public final class Classifier {
  private Classifier() {}

  /** An outcome and what happened, written to follow the peer's label ("10.0.0.1:443 ..."). */
  public record Classified(Outcome outcome, String detail) {}

  public static Classified classify(Throwable e, Phase phase, CheckContext.Timeouts timeouts) {
    String all = messages(e).toLowerCase(Locale.ROOT);
    if (isTimeout(e)) {
      Duration budget = phase == Phase.CONNECT ? timeouts.connect() : timeouts.read();
      String which = phase == Phase.CONNECT ? "connect" : "read";
      String what =
          switch (phase) {
            case CONNECT -> "did not accept the connection";
            case PROXY -> "did not answer CONNECT";
            case TLS -> "did not answer the TLS handshake";
            case EXCHANGE -> "sent no response";
          };
      return new Classified(
          Outcome.TIMED_OUT,
          what
              + " within the "
              + which
              + " timeout of "
              + Durations.format(budget)
              + " ("
              + phase.timeoutKey()
              + ")");
    }
    if (e instanceof NoRouteToHostException
        || all.contains("no route to host")
        || all.contains("network is unreachable")
        || all.contains("host is unreachable")) {
      return new Classified(Outcome.UNREACHABLE, "is unreachable: " + firstMessage(e));
    }
    if (phase == Phase.CONNECT && all.contains("invalid argument")) {
      // Linux answers connect() through a blackhole route with EINVAL.
      return new Classified(
          Outcome.UNREACHABLE,
          "is unreachable: the route to it discards traffic (" + firstMessage(e) + ")");
    }
    if (e instanceof ConnectException && all.contains("refused")) {
      return new Classified(
          Outcome.REFUSED,
          "refused the connection (the host is up, but nothing listens on that port)");
    }
    String during = phase == Phase.TLS ? " during the TLS handshake" : "";
    if (all.contains("connection reset") || all.contains("broken pipe")) {
      return new Classified(Outcome.RESET, "reset the connection" + during);
    }
    if (phase == Phase.TLS && all.contains("unsupported or unrecognized ssl message")) {
      return new Classified(
          Outcome.TLS_FAILED,
          "answered the TLS handshake with something that is not TLS: the port speaks plain text"
              + " (http:// rather than https://?)");
    }
    if (isClosed(e, all)) {
      return new Classified(
          Outcome.CLOSED,
          phase == Phase.TLS
              ? "closed the connection during the TLS handshake"
              : phase == Phase.PROXY
                  ? "closed the connection instead of answering CONNECT"
                  : "accepted the connection, then closed it without an answer");
    }
    if (phase == Phase.TLS && all.contains("unrecognized_name")) {
      return new Classified(
          Outcome.TLS_FAILED,
          "refused the TLS handshake with alert unrecognized_name: it serves no certificate for"
              + " the SNI name it was sent, or it requires SNI and none was sent");
    }
    if (e instanceof SSLException || phase == Phase.TLS) {
      return new Classified(Outcome.TLS_FAILED, "TLS handshake failed: " + firstMessage(e));
    }
    if (e instanceof ConnectException && phase == Phase.CONNECT) {
      return new Classified(Outcome.ERROR, "cannot connect: " + firstMessage(e));
    }
    return new Classified(Outcome.ERROR, e.getClass().getSimpleName() + ": " + firstMessage(e));
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return true;
      }
      if (t instanceof InterruptedIOException) {
        String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("timed out") || m.contains("timeout")) {
          return true;
        }
      }
      if (t instanceof ConnectException
          && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("timed out")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isClosed(Throwable e, String all) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EOFException
          || t instanceof NoHttpResponseException
          || t instanceof ConnectionClosedException) {
        return true;
      }
      if (t instanceof SSLHandshakeException
          && String.valueOf(t.getMessage()).contains("Remote host terminated the handshake")) {
        return true;
      }
    }
    return all.contains("peer shut down") || all.contains("connection closed");
  }

  private static String messages(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null && sb.length() < 2000; t = t.getCause()) {
      sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
    }
    return sb.toString();
  }

  /** The first message in the cause chain, or the exception's simple name. */
  public static String firstMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }
}
