package io.threescaledoctor.core.fleet;

import io.threescaledoctor.core.Doctor;
import io.threescaledoctor.core.profile.ProfileException;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Profiles from files: each path is a profile file, or a directory whose {@code *.yaml} and {@code
 * *.yml} files (not hidden ones, not in subdirectories) are profiles. A profile is named by its
 * file name without the extension: {@code profiles/prod-eu.yaml} is {@code prod-eu}. A file that
 * cannot be loaded, a name used twice or a path that does not exist is a broken entry with a
 * one-line reason; the other profiles load as usual.
 *
 * <p>{@link #watch(Runnable)} calls back when anything changes in the directories involved
 * (including a Kubernetes ConfigMap's atomic symlink swap); reloading compares each file's digest,
 * so only profiles whose bytes changed are replaced.
 */
public final class ProfileFiles implements ProfileSource {
  private static final long SETTLE_MILLIS = 200;

  private final List<Path> paths;
  private final UnaryOperator<Doctor.Builder> customizer;

  private ProfileFiles(List<Path> paths, UnaryOperator<Doctor.Builder> customizer) {
    this.paths = List.copyOf(paths);
    this.customizer = customizer;
  }

  /** Profiles from these files and directories. */
  public static ProfileFiles of(List<Path> paths) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("no profile file or directory given");
    }
    return new ProfileFiles(paths, b -> b);
  }

  /**
   * These files, each doctor configured further by {@code customizer} (extra checks, an
   * environment, overrides) after its profile path is set.
   */
  public ProfileFiles withDoctor(UnaryOperator<Doctor.Builder> customizer) {
    return new ProfileFiles(paths, customizer);
  }

  public List<Path> paths() {
    return paths;
  }

  @Override
  public List<FleetProfile> load() throws ProfileException {
    Map<String, List<Path>> byName = new LinkedHashMap<>();
    for (Path path : paths) {
      for (Path file : files(path)) {
        byName.computeIfAbsent(nameOf(file), n -> new ArrayList<>()).add(file);
      }
    }
    List<FleetProfile> all = new ArrayList<>();
    byName.forEach(
        (name, files) -> {
          if (files.size() == 1) {
            all.add(loadFile(name, files.get(0)));
          } else {
            all.add(
                FleetProfile.broken(
                    name,
                    files.get(0).toString(),
                    "profile name '"
                        + name
                        + "' is taken by several files ("
                        + String.join(", ", files.stream().map(Path::toString).toList())
                        + "); rename all but one",
                    files.stream().map(ProfileFiles::version).toList()));
          }
        });
    return all;
  }

  private static List<Path> files(Path path) throws ProfileException {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> entries = Files.list(path)) {
      return entries
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(ProfileFiles::isProfileFile)
          .filter(p -> !Files.isDirectory(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new ProfileException(path + ": cannot list the profile directory: " + e.getMessage());
    }
  }

  private static boolean isProfileFile(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  /** The profile name of a file: its name without the last extension. */
  static String nameOf(Path file) {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  private FleetProfile loadFile(String name, Path file) {
    String version = version(file);
    try {
      Doctor doctor = customizer.apply(Doctor.builder().profilePath(file)).build();
      return new FleetProfile(name, file.toString(), doctor, null, version);
    } catch (ProfileException e) {
      return FleetProfile.broken(name, file.toString(), e.getMessage(), version);
    } catch (IllegalArgumentException | IllegalStateException e) {
      return FleetProfile.broken(name, file.toString(), file + ": " + e.getMessage(), version);
    }
  }

  /** A digest of the file's bytes; an unreadable file is broken and its loader says why. */
  private static String version(Path file) {
    try {
      return digest(Files.readAllBytes(file));
    } catch (IOException e) {
      return "unreadable: " + e.getClass().getSimpleName();
    }
  }

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Calls {@code onChange} (from a daemon thread of its own) whenever a file appears, changes or
   * disappears in a directory this source reads, once the burst of events settles. Close the result
   * to stop watching.
   *
   * @throws IOException when a directory cannot be watched
   */
  public AutoCloseable watch(Runnable onChange) throws IOException {
    Set<Path> dirs = new LinkedHashSet<>();
    for (Path p : paths) {
      Path abs = p.toAbsolutePath();
      Path dir = Files.isDirectory(abs) ? abs : abs.getParent();
      if (dir != null && Files.isDirectory(dir)) {
        dirs.add(dir);
      }
    }
    WatchService service =
        dirs.isEmpty() ? null : dirs.iterator().next().getFileSystem().newWatchService();
    if (service == null) {
      return () -> {};
    }
    for (Path dir : dirs) {
      dir.register(
          service,
          StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);
    }
    Thread watcher = new Thread(() -> watchLoop(service, onChange), "3scale-doctor-profile-watch");
    watcher.setDaemon(true);
    watcher.start();
    return service::close;
  }

  private static void watchLoop(WatchService service, Runnable onChange) {
    try {
      while (true) {
        WatchKey key = service.take();
        drain(key);
        // An editor or a ConfigMap update writes in several steps: wait for the last one.
        WatchKey more;
        while ((more = service.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
          drain(more);
        }
        onChange.run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ClosedWatchServiceException e) {
      // Closed by the caller: stop watching.
    }
  }

  private static void drain(WatchKey key) {
    key.pollEvents();
    key.reset();
  }
}
