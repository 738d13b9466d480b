package io.threescaledoctor.checks.logs;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A log to read: a file (plain or gzip-compressed, recognised by its magic bytes, not its name) or
 * an already open stream such as standard input. A regular file is read only up to the size it had
 * when opened, so a log that grows while the doctor reads it gives a stable answer.
 */
public final class LogSource {
  private final String name;
  private final Path path;
  private final InputStream stream;

  private LogSource(String name, Path path, InputStream stream) {
    this.name = name;
    this.path = path;
    this.stream = stream;
  }

  public static LogSource file(Path path) {
    return new LogSource(path.toString(), path, null);
  }

  /** A stream the caller owns (standard input); it is read to its end, never closed here. */
  public static LogSource stream(String name, InputStream in) {
    return new LogSource(name, null, in);
  }

  public String name() {
    return name;
  }

  public Path path() {
    return path;
  }

  /**
   * The size of a plain (not compressed) regular file, which can be read in parallel slices; -1 for
   * anything else.
   */
  long splittableSize() throws IOException {
    if (path == null || !Files.isRegularFile(path)) {
      return -1;
    }
    try (InputStream in = Files.newInputStream(path)) {
      if (in.read() == 0x1f && in.read() == 0x8b) {
        return -1;
      }
    }
    return Files.size(path);
  }

  /** An opened source: its bytes (decompressed) and what is known about it. */
  record Opened(InputStream in, boolean compressed, long sizeAtOpen) {}

  Opened open() throws IOException {
    InputStream raw;
    long size = -1;
    if (path != null) {
      if (Files.isDirectory(path)) {
        throw new IOException("is a directory");
      }
      raw = Files.newInputStream(path);
      if (Files.isRegularFile(path)) {
        size = Files.size(path);
        raw = new Bounded(raw, size);
      }
    } else {
      raw =
          new FilterInputStream(stream) {
            @Override
            public void close() {
              // standard input belongs to the caller
            }
          };
    }
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      return new Opened(new GZIPInputStream(in, 1 << 16), true, size);
    }
    return new Opened(in, false, size);
  }

  /** Reads at most {@code limit} bytes: lines appended after opening are left for the next run. */
  static final class Bounded extends FilterInputStream {
    private long left;

    Bounded(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
