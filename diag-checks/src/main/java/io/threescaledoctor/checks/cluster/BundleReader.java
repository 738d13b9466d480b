package io.threescaledoctor.checks.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.threescaledoctor.checks.cluster.Installation.ContainerLog;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads an installation from what {@code oc adm must-gather} and {@code oc adm inspect} write: a
 * directory, or the same packed as {@code .tar.gz} / {@code .tar}, holding per namespace one YAML
 * list per resource kind ({@code namespaces/NS/core/pods.yaml}, {@code
 * namespaces/NS/apps.openshift.io/deploymentconfigs.yaml}, ...) and pod logs per container ({@code
 * namespaces/NS/pods/POD/CONTAINER/CONTAINER/logs/current.log}, {@code previous.log}). It makes no
 * network call. A file it cannot parse is a note, not a failure.
 */
public final class BundleReader {
  private static final Pattern RESOURCE_FILE =
      Pattern.compile(
          "(?:^|.*/)namespaces/([^/]+)/(?:[^/]+/[^/]+\\.ya?ml|pods/[^/]+/[^/]+\\.ya?ml)");
  private static final Pattern LOG_FILE =
      Pattern.compile(
          "(?:^|.*/)namespaces/([^/]+)/pods/([^/]+)/([^/]+)/(?:.*/)?logs/(current|previous)(?:\\.insecure)?\\.log");
  private static final Pattern TIMESTAMP_FILE = Pattern.compile("(?:^|.*/)timestamp");
  private static final Pattern LOG_TIMESTAMP =
      Pattern.compile(
          "^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d:\\d\\d)) ");
  private static final Pattern GATHER_TIME =
      Pattern.compile(
          "(\\d{4}-\\d\\d-\\d\\d)[ T](\\d\\d:\\d\\d:\\d\\d)(?:\\.\\d+)?\\s*(Z|[+-]\\d{4})?");

  /** A bundle larger than this (unpacked, counting only the files read) is refused. */
  static final long MAX_BYTES = 2L << 30;

  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final Clock clock;

  public BundleReader(Clock clock) {
    this.clock = clock;
  }

  /** A bundle's file the reader keeps: its path inside the bundle and its bytes. */
  record Entry(String path, byte[] bytes, Instant modified) {}

  /**
   * Reads the installation in {@code namespace}, or in the one namespace of the bundle that holds a
   * 3scale installation when {@code namespace} is null.
   *
   * @param since how far back from the gather time pod log lines count
   * @throws BundleException when the path is no bundle, or names no (single) 3scale namespace
   */
  public Installation read(Path bundle, String namespace, Duration since) {
    List<Entry> entries = entries(bundle);
    Map<String, InstallationBuilder> byNamespace = new LinkedHashMap<>();
    Instant gathered = null;
    Instant newestFile = null;
    List<String> notes = new ArrayList<>();
    for (Entry e : entries) {
      if (newestFile == null || (e.modified() != null && e.modified().isAfter(newestFile))) {
        newestFile = e.modified();
      }
      if (TIMESTAMP_FILE.matcher(e.path()).matches()) {
        Instant t = gatherTime(new String(e.bytes(), StandardCharsets.UTF_8));
        gathered = t == null ? gathered : t;
        continue;
      }
      Matcher m = RESOURCE_FILE.matcher(e.path());
      if (m.matches()) {
        InstallationBuilder b = byNamespace.computeIfAbsent(m.group(1), InstallationBuilder::new);
        try {
          for (HasMetadata o :
              objects(serialization.unmarshal(new ByteArrayInputStream(e.bytes())))) {
            b.add(o);
          }
        } catch (RuntimeException ex) {
          notes.add("skipped " + e.path() + ": not a Kubernetes YAML list (" + firstLine(ex) + ")");
        }
      }
    }
    String chosen = choose(bundle, namespace, byNamespace);
    InstallationBuilder b = byNamespace.get(chosen);
    notes.forEach(b::note);
    Instant observedAt =
        gathered != null
            ? gathered
            : b.latestSeen() != null
                ? b.latestSeen()
                : newestFile != null ? newestFile : clock.instant();
    Instant from = observedAt.minus(since);
    for (Entry e : entries) {
      Matcher m = LOG_FILE.matcher(e.path());
      if (m.matches() && m.group(1).equals(chosen)) {
        b.log(
            new ContainerLog(
                m.group(2), m.group(3), m.group(4).equals("previous"), lines(e.bytes(), from)));
      }
    }
    return b.build("bundle " + bundle, observedAt);
  }

  private static String choose(
      Path bundle, String namespace, Map<String, InstallationBuilder> all) {
    if (all.isEmpty()) {
      throw new BundleException(
          bundle
              + ": no namespaces/NAMESPACE/ resource files inside; is it what oc adm must-gather or"
              + " oc adm inspect wrote?");
    }
    if (namespace != null) {
      InstallationBuilder b = all.get(namespace);
      if (b == null) {
        throw new BundleException(
            bundle + " holds no namespace " + namespace + " (it holds " + all.keySet() + ")");
      }
      return namespace;
    }
    Set<String> with3scale = new TreeSet<>();
    all.forEach(
        (name, b) -> {
          if (b.holds3scale()) {
            with3scale.add(name);
          }
        });
    if (with3scale.size() == 1) {
      return with3scale.iterator().next();
    }
    if (with3scale.isEmpty()) {
      throw new BundleException(
          bundle + " holds no 3scale installation (namespaces: " + all.keySet() + ")");
    }
    throw new BundleException(
        bundle
            + " holds 3scale in several namespaces "
            + with3scale
            + ": choose one with --namespace");
  }

  private static List<HasMetadata> objects(Object parsed) {
    if (parsed instanceof KubernetesResourceList<?> list) {
      List<HasMetadata> out = new ArrayList<>();
      for (Object item : list.getItems()) {
        if (item instanceof HasMetadata h) {
          out.add(h);
        }
      }
      return out;
    }
    if (parsed instanceof HasMetadata h) {
      return List.of(h);
    }
    if (parsed instanceof List<?> many) {
      List<HasMetadata> out = new ArrayList<>();
      many.forEach(o -> out.addAll(objects(o)));
      return out;
    }
    return List.of();
  }

  /**
   * The lines at or after {@code from}, each without the timestamp oc adm inspect put before it.
   */
  static byte[] lines(byte[] log, Instant from) {
    String text = new String(log, StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(text.length());
    for (String line : text.split("\n", -1)) {
      Matcher m = LOG_TIMESTAMP.matcher(line);
      if (m.find()) {
        Instant at = ModelMapper.instant(m.group(1));
        if (at == null) {
          at = java.time.OffsetDateTime.parse(m.group(1)).toInstant();
        }
        if (at.isBefore(from)) {
          continue;
        }
        line = line.substring(m.end());
      }
      if (!line.isEmpty()) {
        out.append(line).append('\n');
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  static Instant gatherTime(String text) {
    Instant last = null;
    for (String line : text.split("\n")) {
      Matcher m = GATHER_TIME.matcher(line);
      if (m.find()) {
        LocalDateTime t = LocalDateTime.parse(m.group(1) + "T" + m.group(2));
        ZoneOffset offset =
            m.group(3) == null || m.group(3).equals("Z")
                ? ZoneOffset.UTC
                : ZoneOffset.of(m.group(3).substring(0, 3) + ":" + m.group(3).substring(3));
        last = t.toInstant(offset);
      }
    }
    return last;
  }

  private static boolean wanted(String path) {
    return RESOURCE_FILE.matcher(path).matches()
        || LOG_FILE.matcher(path).matches()
        || TIMESTAMP_FILE.matcher(path).matches();
  }

  private static List<Entry> entries(Path bundle) {
    if (Files.isDirectory(bundle)) {
      try (Stream<Path> files = Files.walk(bundle)) {
        List<Entry> out = new ArrayList<>();
        long total = 0;
        for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
          String rel = bundle.relativize(p).toString().replace('\\', '/');
          if (wanted(rel)) {
            byte[] bytes = readBounded(p, rel);
            total += bytes.length;
            if (total > MAX_BYTES) {
              throw new BundleException(bundle + ": larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            out.add(new Entry(rel, bytes, Files.getLastModifiedTime(p).toInstant()));
          }
        }
        return out;
      } catch (IOException e) {
        throw new BundleException(bundle + ": cannot read: " + e.getMessage());
      }
    }
    if (!Files.isRegularFile(bundle)) {
      throw new BundleException(bundle + ": no such directory or file");
    }
    try (InputStream raw = Files.newInputStream(bundle)) {
      InputStream in = new java.io.BufferedInputStream(raw);
      in.mark(2);
      boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
      in.reset();
      return untar(gzip ? new GZIPInputStream(in, 1 << 16) : in, bundle);
    } catch (IOException e) {
      throw new BundleException(
          bundle
              + ": not a must-gather directory or a .tar/.tar.gz of one ("
              + e.getMessage()
              + ")");
    }
  }

  private static byte[] readBounded(Path p, String rel) throws IOException {
    long size = Files.size(p);
    if (size <= LiveReader.LOG_BYTES || !rel.endsWith(".log")) {
      return Files.readAllBytes(p);
    }
    // Only the end of a long log: the newest lines are the ones the window keeps.
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(p.toFile(), "r")) {
      byte[] tail = new byte[LiveReader.LOG_BYTES];
      f.seek(size - tail.length);
      f.readFully(tail);
      return tail;
    }
  }

  /** The plain tar format (ustar, GNU long names, pax paths): enough for what oc writes. */
  private static List<Entry> untar(InputStream in, Path bundle) throws IOException {
    List<Entry> out = new ArrayList<>();
    byte[] header = new byte[512];
    String longName = null;
    long total = 0;
    boolean sawHeader = false;
    while (true) {
      if (!readFully(in, header)) {
        break;
      }
      if (isZero(header)) {
        break;
      }
      if (!checksumMatches(header)) {
        throw new IOException(sawHeader ? "damaged tar entry" : "not a tar archive");
      }
      sawHeader = true;
      String name = longName != null ? longName : ustarName(header);
      longName = null;
      long size = octal(header, 124, 12);
      char type = (char) header[156];
      long mtime = octal(header, 136, 12);
      boolean keep = (type == '0' || type == 0) && wanted(strip(name));
      byte[] data = null;
      if (type == 'L' || type == 'x' || keep) {
        if (size > MAX_BYTES) {
          throw new IOException("entry " + name + " too large");
        }
        data = in.readNBytes((int) size);
        if (data.length < size) {
          throw new EOFException("truncated archive");
        }
      } else {
        skip(in, size);
      }
      long pad = (512 - size % 512) % 512;
      skip(in, pad);
      if (type == 'L') {
        longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
      } else if (type == 'x') {
        longName = paxPath(new String(data, StandardCharsets.UTF_8));
      } else if (keep) {
        total += data.length;
        if (total > MAX_BYTES) {
          throw new IOException("larger than " + (MAX_BYTES >> 20) + " MiB unpacked");
        }
        if (strip(name).endsWith(".log") && data.length > LiveReader.LOG_BYTES) {
          data =
              java.util.Arrays.copyOfRange(data, data.length - LiveReader.LOG_BYTES, data.length);
        }
        out.add(new Entry(strip(name), data, Instant.ofEpochSecond(mtime)));
      }
    }
    if (!sawHeader) {
      throw new IOException("empty archive");
    }
    return out;
  }

  private static String strip(String name) {
    return name.startsWith("./") ? name.substring(2) : name;
  }

  private static String paxPath(String records) {
    for (String r : records.split("\n")) {
      int eq = r.indexOf(" path=");
      if (eq > 0) {
        return r.substring(eq + 6);
      }
    }
    return null;
  }

  private static String ustarName(byte[] h) {
    String name = cString(h, 0, 100);
    String magic = cString(h, 257, 6);
    if (magic.startsWith("ustar")) {
      String prefix = cString(h, 345, 155);
      if (!prefix.isEmpty()) {
        return prefix + "/" + name;
      }
    }
    return name;
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] b, int off, int len) {
    String s = cString(b, off, len).trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }

  private static boolean checksumMatches(byte[] h) {
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
    }
    try {
      return sum == octal(h, 148, 8);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean readFully(InputStream in, byte[] b) throws IOException {
    int n = in.readNBytes(b, 0, b.length);
    if (n == 0) {
      return false;
    }
    if (n < b.length) {
      throw new EOFException("truncated archive");
    }
    return true;
  }

  private static void skip(InputStream in, long n) throws IOException {
    long left = n;
    while (left > 0) {
      long s = in.skip(left);
      if (s <= 0) {
        if (in.read() < 0) {
          throw new EOFException("truncated archive");
        }
        s = 1;
      }
      left -= s;
    }
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
  }
}
