import io.threescaledoctor.cli.serve.Serve;
import io.threescaledoctor.cli.serve.ServeLog;
import io.threescaledoctor.core.fleet.CompletedRun;
import io.threescaledoctor.core.fleet.ProfileState;
import io.threescaledoctor.core.fleet.SchedulerListener;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark harness for serve (not a test): starts serve exactly as the command does (the same
 * Serve class, scheduler, metrics and HTTP server) on a directory of profiles, lets one interval
 * pass (first runs spread over it), then measures for a number of intervals while a scraper reads
 * /metrics every 15 s as Prometheus would. Prints one line of key=value figures:
 * runs per second, the schedule lag of every scheduled run (exact, from the scheduler's events),
 * runs per profile in the window, process CPU, heap after GC and at peak, /metrics size and time.
 *
 * <p>Usage: java -Xmx256m -XX:+UseSerialGC -cp 3scale-doctor.jar bench/ServeBench.java DIR
 * INTERVAL_S INTERVALS MAX_CONCURRENT
 */
public class ServeBench {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int intervalSeconds = Integer.parseInt(args[1]);
    int intervals = Integer.parseInt(args[2]);
    int maxConcurrent = Integer.parseInt(args[3]);
    long profiles;
    try (var files = Files.list(dir)) {
      profiles = files.filter(p -> p.toString().endsWith(".yaml")).count();
    }
    Serve.Settings settings =
        new Serve.Settings(
            new InetSocketAddress("127.0.0.1", 0),
            List.of(dir),
            Map.of(),
            System.getenv(),
            Duration.ofSeconds(intervalSeconds),
            0.1,
            maxConcurrent,
            true,
            false,
            Duration.ofMillis(500));
    Writer quiet = Writer.nullWriter();
    Serve serve = Serve.start(settings, new ServeLog(new PrintWriter(quiet), Clock.systemUTC()));

    AtomicBoolean measuring = new AtomicBoolean();
    List<Long> lagNanos = Collections.synchronizedList(new ArrayList<>());
    List<Long> runMillis = Collections.synchronizedList(new ArrayList<>());
    Map<String, AtomicInteger> runsPerProfile = new ConcurrentHashMap<>();
    Map<String, java.time.Instant> lastStart = new ConcurrentHashMap<>();
    List<Long> gapsMillis = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger skipped = new AtomicInteger();
    serve
        .scheduler()
        .addListener(
            new SchedulerListener() {
              @Override
              public void runFinished(CompletedRun run) {
                if (measuring.get() && run.scheduled()) {
                  lagNanos.add(run.lag().toNanos());
                  runMillis.add(run.diagnosis().durationMillis());
                  runsPerProfile
                      .computeIfAbsent(run.profile(), k -> new AtomicInteger())
                      .incrementAndGet();
                  java.time.Instant started = run.diagnosis().startedAt();
                  java.time.Instant before = lastStart.put(run.profile(), started);
                  if (before != null) {
                    gapsMillis.add(Duration.between(before, started).toMillis());
                  }
                }
              }

              @Override
              public void runSkipped(String profile) {
                if (measuring.get()) {
                  skipped.incrementAndGet();
                }
              }
            });

    List<double[]> scrapes = new CopyOnWriteArrayList<>();
    HttpClient http = HttpClient.newHttpClient();
    URI metrics = serve.url().resolve("/metrics");
    Thread scraper =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  Thread.sleep(15_000);
                  long t0 = System.nanoTime();
                  HttpResponse<byte[]> r =
                      http.send(
                          HttpRequest.newBuilder(metrics).build(),
                          HttpResponse.BodyHandlers.ofByteArray());
                  double ms = (System.nanoTime() - t0) / 1e6;
                  long series =
                      new String(r.body()).lines().filter(l -> !l.startsWith("#")).count();
                  scrapes.add(new double[] {ms, r.body().length, series});
                } catch (InterruptedException e) {
                  return;
                } catch (Exception e) {
                  scrapes.add(new double[] {-1, 0, 0});
                }
              }
            },
            "bench-scraper");
    scraper.setDaemon(true);
    scraper.start();

    // Warm-up: the first runs spread over one interval; JIT settles.
    Thread.sleep(intervalSeconds * 1000L + 2000);
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long gcCount0 = gcCount();
    long gcMillis0 = gcMillis();
    long wall0 = System.nanoTime();
    resetPeaks();
    measuring.set(true);
    long sampledPeak = 0;
    long committedPeak = 0;
    long end = System.nanoTime() + intervals * intervalSeconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      sampledPeak = Math.max(sampledPeak, heap.getUsed());
      committedPeak = Math.max(committedPeak, heap.getCommitted());
      Thread.sleep(100);
    }
    measuring.set(false);
    long wall = System.nanoTime() - wall0;
    long cpu = os.getProcessCpuTime() - cpu0;
    long heapPeak = heapPeak();
    System.gc();
    long heapAfterGc =
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long threads = ManagementFactory.getThreadMXBean().getPeakThreadCount();
    int withDiagnosis =
        (int)
            serve.scheduler().profiles().stream()
                .filter(p -> p.lastDiagnosis() != null)
                .count();
    Map<String, Long> verdicts = new java.util.TreeMap<>();
    for (ProfileState p : serve.scheduler().profiles()) {
      if (p.lastDiagnosis() != null) {
        verdicts.merge(p.lastDiagnosis().status().name(), 1L, Long::sum);
      }
    }
    scraper.interrupt();
    serve.close();

    List<Long> lags = new ArrayList<>(lagNanos);
    Collections.sort(lags);
    List<Long> durations = new ArrayList<>(runMillis);
    Collections.sort(durations);
    int minRuns = Integer.MAX_VALUE;
    int maxRuns = 0;
    int ranInWindow = runsPerProfile.size();
    for (AtomicInteger n : runsPerProfile.values()) {
      minRuns = Math.min(minRuns, n.get());
      maxRuns = Math.max(maxRuns, n.get());
    }
    double seconds = wall / 1e9;
    double[] lastScrape = scrapes.isEmpty() ? new double[] {0, 0, 0} : scrapes.get(scrapes.size() - 1);
    double maxScrapeMs = scrapes.stream().mapToDouble(s -> s[0]).max().orElse(0);
    double[] scrapeMs = scrapes.stream().mapToDouble(s -> s[0]).sorted().toArray();
    double medianScrapeMs = scrapeMs.length == 0 ? 0 : scrapeMs[scrapeMs.length / 2];
    StringBuilder out = new StringBuilder();
    kv(out, "profiles", profiles);
    kv(out, "window_s", fmt(seconds));
    kv(out, "runs", lags.size());
    kv(out, "runs_per_s", fmt(lags.size() / seconds));
    kv(out, "expected_runs_per_s", fmt(profiles / (double) intervalSeconds));
    kv(out, "profiles_run_in_window", ranInWindow);
    kv(out, "runs_per_profile_min", ranInWindow == 0 ? 0 : minRuns);
    kv(out, "runs_per_profile_max", maxRuns);
    kv(out, "skipped_overlap", skipped.get());
    kv(out, "gap_min_s", fmt(gapsMillis.stream().mapToLong(Long::longValue).min().orElse(0) / 1000.0));
    kv(out, "gap_max_s", fmt(gapsMillis.stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0));
    kv(out, "lag_p50_ms", fmt(pct(lags, 0.50) / 1e6));
    kv(out, "lag_p90_ms", fmt(pct(lags, 0.90) / 1e6));
    kv(out, "lag_p99_ms", fmt(pct(lags, 0.99) / 1e6));
    kv(out, "lag_max_ms", fmt(pct(lags, 1.0) / 1e6));
    kv(out, "run_p50_ms", pctL(durations, 0.50));
    kv(out, "run_p99_ms", pctL(durations, 0.99));
    kv(out, "cpu_cores", fmt(cpu / (double) wall));
    kv(out, "cpu_ms_per_run", fmt(lags.isEmpty() ? 0 : cpu / 1e6 / lags.size()));
    kv(out, "heap_max_mb", fmt(Runtime.getRuntime().maxMemory() / 1048576.0));
    kv(out, "heap_committed_peak_mb", fmt(committedPeak / 1048576.0));
    kv(out, "heap_used_peak_mb", fmt(sampledPeak / 1048576.0));
    kv(out, "heap_pools_peak_sum_mb", fmt(heapPeak / 1048576.0));
    kv(out, "heap_after_gc_mb", fmt(heapAfterGc / 1048576.0));
    kv(out, "gc_count", gcCount() - gcCount0);
    kv(out, "gc_ms", gcMillis() - gcMillis0);
    kv(out, "peak_threads", threads);
    kv(out, "metrics_series", (long) lastScrape[2]);
    kv(out, "metrics_kb", fmt(lastScrape[1] / 1024));
    kv(out, "metrics_scrapes", scrapeMs.length);
    kv(out, "metrics_scrape_p50_ms", fmt(medianScrapeMs));
    kv(out, "metrics_scrape_max_ms", fmt(maxScrapeMs));
    kv(out, "verdicts", verdicts.toString().replace(" ", ""));
    kv(out, "with_diagnosis", withDiagnosis);
    System.out.println(out.toString().trim());
  }

  private static void kv(StringBuilder sb, String k, Object v) {
    sb.append(k).append('=').append(v).append(' ');
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.3f", d);
  }

  private static double pct(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  private static long pctL(List<Long> sorted, double p) {
    return (long) pct(sorted, p);
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount)
        .sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .sum();
  }

  private static void resetPeaks() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** The sum of the heap pools' peaks: an upper bound of the heap in use at any one moment. */
  private static long heapPeak() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed())
        .sum();
  }
}
