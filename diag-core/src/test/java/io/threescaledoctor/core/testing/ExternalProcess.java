package io.threescaledoctor.core.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real server process a test starts (dnsmasq, openssl s_server): started from a command line,
 * ready once it prints a given line, stopped by PID when closed. Its output is kept so that a
 * server that fails to start says why.
 */
public final class ExternalProcess implements AutoCloseable {
  private final Process process;
  private final StringBuilder log;

  private ExternalProcess(Process process, StringBuilder log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command} and waits until a line of its output satisfies {@code ready}.
   *
   * @throws IllegalStateException with the process's output when it dies or is not ready in time
   */
  public static ExternalProcess start(
      List<String> command, Predicate<String> ready, Duration timeout)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    CountDownLatch readySeen = new CountDownLatch(1);
    StringBuilder log = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (log) {
                    log.append(line).append('\n');
                  }
                  if (ready.test(line)) {
                    readySeen.countDown();
                  }
                }
              } catch (IOException ignored) {
                // the process ended; its output so far is in the log
              }
            },
            command.get(0) + "-output");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!readySeen.await(20, TimeUnit.MILLISECONDS)
        && p.isAlive()
        && System.nanoTime() < deadline) {
      // waits for the ready line, or for the process to die with its reason in the log
    }
    if (readySeen.getCount() > 0) {
      reader.join(500);
      p.destroyForcibly();
      synchronized (log) {
        throw new IllegalStateException(command.get(0) + " did not start: " + log);
      }
    }
    return new ExternalProcess(p, log);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the process printed so far. */
  public String output() {
    synchronized (log) {
      return log.toString();
    }
  }

  /** Sends TERM to the PID, then KILL if it is still there after two seconds. */
  @Override
  public void close() throws InterruptedException {
    ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
    if (!process.waitFor(2, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(2, TimeUnit.SECONDS);
    }
  }
}
