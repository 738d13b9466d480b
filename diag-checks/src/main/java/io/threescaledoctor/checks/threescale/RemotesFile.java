package io.threescaledoctor.checks.threescale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.threescaledoctor.core.check.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The 3scale toolbox's configuration file ({@code ~/.3scalerc.yaml}), read and written so that the
 * toolbox and the doctor share remotes. The toolbox stores it with Ruby's YAML::Store, so its keys
 * are Ruby symbols written as {@code :remotes}, {@code :endpoint} and {@code :authentication} (see
 * 3scale/3scale_toolbox lib/3scale_toolbox/remotes.rb and spec/resources/valid_config_file.yaml).
 * Writing keeps every other top-level entry of the file as it was, byte for byte.
 */
public final class RemotesFile {
  /** The environment variable the toolbox reads the file's location from. */
  public static final String ENV_VARIABLE = "THREESCALE_CLI_CONFIG";

  private static final String REMOTES_KEY = ":remotes";
  private static final String ENDPOINT_KEY = ":endpoint";
  private static final String AUTHENTICATION_KEY = ":authentication";

  private final Path path;

  public RemotesFile(Path path) {
    this.path = path;
  }

  /** {@code THREESCALE_CLI_CONFIG}, else {@code ~/.3scalerc.yaml}, as the toolbox decides. */
  public static Path defaultLocation(Map<String, String> environment) {
    String configured = environment.get(ENV_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".3scalerc.yaml");
  }

  public Path path() {
    return path;
  }

  /**
   * The remotes in file order; none when the file does not exist.
   *
   * @throws IllegalArgumentException when the file is not the toolbox's format
   */
  public List<Remote> read() throws IOException {
    if (!Files.exists(path)) {
      return List.of();
    }
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(path.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          path + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return List.of();
    }
    JsonNode remotes = root.get(REMOTES_KEY);
    if (remotes == null || remotes.isNull()) {
      return List.of();
    }
    if (!remotes.isObject()) {
      throw invalid();
    }
    List<Remote> all = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = remotes.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode endpoint = e.getValue().get(ENDPOINT_KEY);
      JsonNode auth = e.getValue().get(AUTHENTICATION_KEY);
      if (endpoint == null || auth == null || !endpoint.isValueNode() || !auth.isValueNode()) {
        throw invalid();
      }
      all.add(new Remote(e.getKey(), endpoint.asText(), Secret.of(auth.asText())));
    }
    return all;
  }

  public Optional<Remote> find(String name) throws IOException {
    return read().stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** Adds a remote; the name must be new, as the toolbox requires. */
  public void add(Remote remote) throws IOException {
    Map<String, Remote> all = byName();
    if (all.containsKey(remote.name())) {
      throw new IllegalArgumentException("remote name already exists: " + remote.name());
    }
    all.put(remote.name(), remote);
    write(all);
  }

  /** Removes a remote and returns it. */
  public Remote remove(String name) throws IOException {
    Map<String, Remote> all = byName();
    Remote removed = all.remove(name);
    if (removed == null) {
      throw new IllegalArgumentException("could not remove remote '" + name + "': not in " + path);
    }
    write(all);
    return removed;
  }

  public void rename(String oldName, String newName) throws IOException {
    Map<String, Remote> all = byName();
    if (!all.containsKey(oldName)) {
      throw new IllegalArgumentException(
          "could not rename, old name '" + oldName + "' does not exist");
    }
    if (all.containsKey(newName)) {
      throw new IllegalArgumentException(
          "could not rename, new name '" + newName + "' already exists");
    }
    Map<String, Remote> renamed = new LinkedHashMap<>();
    all.forEach(
        (k, v) -> {
          if (k.equals(oldName)) {
            renamed.put(newName, new Remote(newName, v.endpoint(), v.authentication()));
          } else {
            renamed.put(k, v);
          }
        });
    write(renamed);
  }

  private Map<String, Remote> byName() throws IOException {
    Map<String, Remote> all = new LinkedHashMap<>();
    for (Remote r : read()) {
      all.put(r.name(), r);
    }
    return all;
  }

  private void write(Map<String, Remote> remotes) throws IOException {
    List<String> others = Files.exists(path) ? otherTopLevelEntries() : List.of();
    StringBuilder out = new StringBuilder("---\n");
    others.forEach(line -> out.append(line).append('\n'));
    out.append(REMOTES_KEY).append(":");
    if (remotes.isEmpty()) {
      out.append(" {}\n");
    } else {
      out.append('\n');
      for (Remote r : remotes.values()) {
        out.append("  ").append(quote(r.name())).append(":\n");
        out.append("    ")
            .append(ENDPOINT_KEY)
            .append(": ")
            .append(quote(r.endpoint()))
            .append('\n');
        out.append("    ")
            .append(AUTHENTICATION_KEY)
            .append(": ")
            .append(quote(r.authentication().reveal()))
            .append('\n');
      }
    }
    Path parent = path.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, ".3scalerc", ".tmp");
    try {
      Files.writeString(tmp, out, StandardCharsets.UTF_8);
      restrictToOwner(tmp);
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The lines of every top-level entry except {@code :remotes}, in file order. */
  private List<String> otherTopLevelEntries() throws IOException {
    List<String> kept = new ArrayList<>();
    boolean inRemotes = false;
    for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
      if (line.equals("---") || line.equals("...")) {
        continue;
      }
      boolean topLevel =
          !line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#");
      if (topLevel) {
        inRemotes = line.startsWith(REMOTES_KEY + ":");
      }
      if (!inRemotes && !line.isBlank()) {
        kept.add(line);
      }
    }
    return kept;
  }

  /** Single-quoted, so Ruby reads a string (never a symbol, number or boolean). */
  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static void restrictToOwner(Path file) {
    try {
      Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system: the file keeps the platform's default permissions.
    }
  }

  private IllegalArgumentException invalid() {
    return new IllegalArgumentException("invalid remote configuration from config file " + path);
  }
}
