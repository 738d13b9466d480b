import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The least any JVM program can do to read a log line by line: a cold JVM counts the newlines of
 * FILE, one slice per core, eight bytes at a time, as the doctor reads. bench/logs-bench.sh times
 * it as the floor a Java log reader cannot go below on this machine.
 *
 * <p>Usage: java -cp DIR LineFloor FILE
 */
public final class LineFloor {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
  private static final long LOWS = 0x7f7f7f7f7f7f7f7fL;

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int threads = Runtime.getRuntime().availableProcessors();
    long size;
    try (FileChannel ch = FileChannel.open(file)) {
      size = ch.size();
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Long>> slices = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long from = size * t / threads;
      long to = size * (t + 1) / threads;
      slices.add(pool.submit(() -> newlines(file, from, to)));
    }
    long lines = 0;
    for (Future<Long> slice : slices) {
      lines += slice.get();
    }
    pool.shutdown();
    System.out.println(lines);
  }

  private static long newlines(Path file, long from, long to) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(1 << 17);
    byte[] b = buffer.array();
    long count = 0;
    try (FileChannel ch = FileChannel.open(file)) {
      for (long pos = from; pos < to; ) {
        buffer.clear().limit((int) Math.min(b.length, to - pos));
        int n = ch.read(buffer, pos);
        if (n <= 0) {
          break;
        }
        pos += n;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
          long x = (long) LONGS.get(b, i) ^ NEWLINES;
          // Exact per-byte zero test: the high bit is set only where x has a zero byte.
          count += Long.bitCount(~(((x & LOWS) + LOWS) | x | LOWS));
        }
        for (; i < n; i++) {
          if (b[i] == '\n') {
            count++;
          }
        }
      }
    }
    return count;
  }
}
