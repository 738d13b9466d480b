package io.threescaledoctor.checks.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import javax.net.ssl.SSLSocket;

/**
 * One attempt to reach a peer: its {@link Outcome}, the {@link Phase} it failed in, what happened
 * in words, and the time each phase took ({@code -1} for a phase that did not happen). When it
 * {@link #connected()}, it holds the open socket (a TLS socket after {@link Dialer#tls}); closing
 * the dial closes it.
 */
public final class Dial implements AutoCloseable {
  private final Outcome outcome;
  private final Phase failedIn;
  private final String peer;
  private final String detail;
  private final boolean atProxy;
  private final HttpProxy proxy;
  private final InetSocketAddress address;
  private final long connectMillis;
  private final long proxyMillis;
  private final long tlsMillis;
  private final Socket socket;
  private final String proxyAnswer;

  private Dial(
      Outcome outcome,
      Phase failedIn,
      String peer,
      String detail,
      boolean atProxy,
      HttpProxy proxy,
      InetSocketAddress address,
      long connectMillis,
      long proxyMillis,
      long tlsMillis,
      Socket socket,
      String proxyAnswer) {
    this.outcome = outcome;
    this.failedIn = failedIn;
    this.peer = peer;
    this.detail = detail;
    this.atProxy = atProxy;
    this.proxy = proxy;
    this.address = address;
    this.connectMillis = connectMillis;
    this.proxyMillis = proxyMillis;
    this.tlsMillis = tlsMillis;
    this.socket = socket;
    this.proxyAnswer = proxyAnswer;
  }

  static Dial connected(
      String peer,
      HttpProxy proxy,
      InetSocketAddress address,
      long connectMillis,
      long proxyMillis,
      Socket socket,
      String proxyAnswer) {
    return new Dial(
        Outcome.CONNECTED,
        null,
        peer,
        "connected",
        false,
        proxy,
        address,
        connectMillis,
        proxyMillis,
        -1,
        socket,
        proxyAnswer);
  }

  static Dial failed(
      Outcome outcome,
      Phase phase,
      String peer,
      String detail,
      boolean atProxy,
      HttpProxy proxy,
      InetSocketAddress address,
      long connectMillis,
      long proxyMillis,
      long tlsMillis,
      String proxyAnswer) {
    return new Dial(
        outcome,
        phase,
        peer,
        detail,
        atProxy,
        proxy,
        address,
        connectMillis,
        proxyMillis,
        tlsMillis,
        null,
        proxyAnswer);
  }

  Dial withTls(SSLSocket tls, long millis) {
    return new Dial(
        Outcome.CONNECTED,
        null,
        peer,
        "connected with TLS",
        false,
        proxy,
        address,
        connectMillis,
        proxyMillis,
        millis,
        tls,
        proxyAnswer);
  }

  Dial tlsFailed(Outcome o, String why, long millis) {
    return new Dial(
        o,
        Phase.TLS,
        peer,
        why,
        false,
        proxy,
        address,
        connectMillis,
        proxyMillis,
        millis,
        null,
        proxyAnswer);
  }

  public Outcome outcome() {
    return outcome;
  }

  public boolean connected() {
    return outcome == Outcome.CONNECTED;
  }

  /** The phase that failed; empty when connected. */
  public Optional<Phase> failedIn() {
    return Optional.ofNullable(failedIn);
  }

  /** What was dialed: {@code 10.0.0.1:443}, {@code api.example.com:443 via the proxy ...}. */
  public String peer() {
    return peer;
  }

  /** What happened, to follow {@link #peer()}. */
  public String detail() {
    return detail;
  }

  /** {@code 10.0.0.1:443 refused the connection (...)}: the sentence for a summary. */
  public String describe() {
    return peer + " " + detail;
  }

  /** Whether the failure was the proxy's (it refused, timed out or rejected CONNECT). */
  public boolean atProxy() {
    return atProxy;
  }

  public Optional<HttpProxy> proxy() {
    return Optional.ofNullable(proxy);
  }

  /** The address the TCP connection went to: the peer's, or the proxy's. */
  public InetSocketAddress address() {
    return address;
  }

  public long connectMillis() {
    return connectMillis;
  }

  /** The time the proxy took to answer CONNECT, or -1 without a proxy. */
  public long proxyMillis() {
    return proxyMillis;
  }

  public long tlsMillis() {
    return tlsMillis;
  }

  /** The proxy's status line to CONNECT, when one was asked. */
  public Optional<String> proxyAnswer() {
    return Optional.ofNullable(proxyAnswer);
  }

  /**
   * The open socket.
   *
   * @throws IllegalStateException when the dial did not connect
   */
  public Socket socket() {
    if (socket == null) {
      throw new IllegalStateException("not connected: " + describe());
    }
    return socket;
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a connection the peer already dropped
      }
    }
  }

  @Override
  public String toString() {
    return outcome + " " + describe();
  }
}
