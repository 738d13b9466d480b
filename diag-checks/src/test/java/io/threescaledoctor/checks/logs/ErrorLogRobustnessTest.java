package io.threescaledoctor.checks.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever the file holds, the analysis ends, keeps what it could read and says what it skipped.
 */
class ErrorLogRobustnessTest {
  private static final String REFUSED =
      "2026/11/27 10:00:02 [error] 41#41: *13 connect() failed"
          + " (111: Connection refused) while connecting to upstream, client: 127.0.0.1, server: l,"
          + " request: \"GET /hello HTTP/1.1\", upstream: \"http://127.0.0.1:9/hello\", host: \"g\"\n";

  @TempDir Path dir;

  private static ErrorLogReport analyze(Path... files) {
    return new ErrorLogAnalyzer(Attribution.builder().build())
        .zone(ZoneOffset.UTC)
        .analyze(Arrays.stream(files).map(LogSource::file).toList());
  }

  @Test
  void skipsBinaryGarbageAndSaysSo() throws Exception {
    byte[] garbage = new byte[200_000];
    new Random(42).nextBytes(garbage);
    Path f = dir.resolve("garbage.log");
    Files.write(f, garbage);
    Files.writeString(f, "\n" + REFUSED, StandardOpenOption.APPEND);
    ErrorLogReport r = analyze(f);
    assertThat(r.findings()).singleElement().extracting(LogFinding::count).isEqualTo(1L);
    assertThat(r.stats().binaryLines()).isPositive();
    assertThat(r.notes())
        .anyMatch(n -> n.contains("not nginx error-log entries") && n.contains("binary data"));
  }

  @Test
  void keepsLinesWithInvalidUtf8AndShowsThemWithReplacementCharacters() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(REFUSED.replace("/hello", "/h\u00e9llo").getBytes(StandardCharsets.ISO_8859_1));
    Path f = dir.resolve("latin1.log");
    Files.write(f, b.toByteArray());
    ErrorLogReport r = analyze(f);
    assertThat(r.findings())
        .singleElement()
        .satisfies(x -> assertThat(x.example()).contains("/h\uFFFDllo"));
  }

  @Test
  void readsOnlyTheStartOfAHugeLineAndCarriesOn() throws Exception {
    Path f = dir.resolve("huge.log");
    byte[] huge = new byte[10 * 1024 * 1024];
    Arrays.fill(huge, (byte) 'x');
    byte[] prefix = "2026/11/27 10:00:01 [error] 1#1: *1 ".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(prefix, 0, huge, 0, prefix.length);
    try (OutputStream out = Files.newOutputStream(f)) {
      out.write(huge);
      out.write('\n');
      out.write(REFUSED.getBytes(StandardCharsets.US_ASCII));
    }
    ErrorLogReport r = analyze(f);
    assertThat(r.stats().truncatedLines()).isEqualTo(1);
    assertThat(r.findings()).singleElement().extracting(LogFinding::count).isEqualTo(1L);
    assertThat(r.notes()).anyMatch(n -> n.contains("longer than 1 MiB"));
    assertThat(r.unknownExamples().get(0).length()).isLessThan(5000);
  }

  @Test
  void analysesWhatATruncatedGzipHeldAndSaysItWasCutShort() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gz)) {
      for (int i = 0; i < 2000; i++) {
        out.write(REFUSED.getBytes(StandardCharsets.US_ASCII));
      }
    }
    byte[] all = gz.toByteArray();
    Path f = dir.resolve("error.log.1.gz");
    Files.write(f, Arrays.copyOf(all, all.length - 40));
    ErrorLogReport r = analyze(f);
    assertThat(r.findings())
        .singleElement()
        .extracting(LogFinding::count)
        .satisfies(c -> assertThat((Long) c).isBetween(1L, 2000L));
    assertThat(r.notes()).anyMatch(n -> n.contains("ends early"));
  }

  @Test
  void saysAFileIsEmptyOrMissing() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.log"));
    ErrorLogReport r = analyze(empty, dir.resolve("missing.log"));
    assertThat(r.findings()).isEmpty();
    assertThat(r.notes())
        .contains(empty + ": empty", dir.resolve("missing.log") + ": no such file");
    assertThat(r.stats().files()).isEqualTo(1);
  }

  @Test
  void readsAGrowingFileUpToItsSizeWhenOpenedAndSaysItGrew() throws Exception {
    Path f = dir.resolve("growing.log");
    Files.writeString(f, REFUSED.repeat(50_000));
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
    Thread writer =
        new Thread(
            () -> {
              try (OutputStream out = Files.newOutputStream(f, StandardOpenOption.APPEND)) {
                while (!stop.get()) {
                  out.write(REFUSED.getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                  writing.countDown();
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    writer.start();
    writing.await();
    ErrorLogReport r = analyze(f);
    stop.set(true);
    writer.join();
    long count = r.findings().get(0).count();
    assertThat(count).isGreaterThan(50_000L);
    // The size may be taken while the writer is half-way through a line (the file system grows
    // a file a page at a time): that partial line is read, and counts when its message is whole.
    // Nothing past the size at open is read.
    assertThat(r.stats().bytes())
        .as("up to the size when opened, at most one partial line more")
        .isBetween((count - 1) * REFUSED.length() + 1, (count + 1) * REFUSED.length() - 1);
    assertThat(r.notes()).anyMatch(n -> n.contains("grew by") && n.contains("left out"));
  }
}
