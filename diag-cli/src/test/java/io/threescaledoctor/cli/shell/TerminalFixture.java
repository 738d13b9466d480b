package io.threescaledoctor.cli.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive shell on a JLine virtual terminal: the test types keys (TAB, Ctrl-C, Enter) into
 * its input and reads what the shell drew, escape codes removed.
 */
final class TerminalFixture implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final PipedOutputStream keys = new PipedOutputStream();
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
  private final Terminal terminal;
  private final DoctorShell shell;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();

  TerminalFixture(Session session, Path history, String type) throws IOException {
    PipedInputStream in = new PipedInputStream(keys, 1 << 16);
    // The exec provider gives a terminal whose own line discipline turns Ctrl-C into a signal;
    // a pty-backed one would hand it to the kernel, which signals no process of ours.
    terminal =
        TerminalBuilder.builder()
            .system(false)
            .streams(in, screen)
            .type(type)
            .provider("exec")
            .size(new Size(160, 50))
            .encoding(StandardCharsets.UTF_8)
            .build();
    shell = DoctorShell.interactive(terminal, session, Map.of(), history);
    Thread runner =
        new Thread(
            () -> {
              try {
                exit.complete(shell.run());
              } catch (Throwable t) {
                exit.completeExceptionally(t);
              }
            },
            "shell-under-test");
    runner.setDaemon(true);
    runner.start();
  }

  DoctorShell shell() {
    return shell;
  }

  Terminal terminal() {
    return terminal;
  }

  void type(String text) throws IOException {
    keys.write(text.getBytes(StandardCharsets.UTF_8));
    keys.flush();
  }

  /** What the shell drew so far, without escape sequences and carriage returns. */
  String screen() {
    String raw;
    synchronized (screen) {
      raw = screen.toString(StandardCharsets.UTF_8);
    }
    return raw.replaceAll("\u001b\\[[0-9;?>=]*[ -/]*[@-~]", "")
        .replaceAll("\u001b[()][0-9A-Za-z]", "")
        .replaceAll("\u001b[=>]", "")
        .replace("\r", "");
  }

  /** Waits until {@code text} appears {@code times} times on the screen. */
  String await(String text, int times) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      String s = screen();
      if (count(s, text) >= times) {
        return s;
      }
      Thread.sleep(5);
    }
    throw new AssertionError(
        "'" + text + "' did not appear " + times + " times; screen:\n" + screen());
  }

  static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  int awaitExit() throws Exception {
    return exit.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws IOException {
    keys.close();
    terminal.close();
  }
}
