package io.threescaledoctor.checks.apicast;

import io.threescaledoctor.core.issue.CatalogYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each HTTP status from the gateway means to a client and which known issues explain it, read
 * from {@value #RESOURCE}: data, so a new status is one entry and no code change.
 */
public final class GatewayStatuses {
  static final String RESOURCE = "gateway-statuses.yaml";

  private static final GatewayStatuses STANDARD = load();

  /**
   * One entry.
   *
   * @param status a code ({@code 502}) or a class ({@code 5xx})
   * @param issues the known-issue ids that explain it, likeliest first
   */
  public record Entry(String status, String meaning, List<String> issues) {}

  private final Map<String, Entry> byStatus;

  private GatewayStatuses(Map<String, Entry> byStatus) {
    this.byStatus = byStatus;
  }

  public static GatewayStatuses standard() {
    return STANDARD;
  }

  /** The entry for {@code status}, or for its class when no entry names the code. */
  public Optional<Entry> find(int status) {
    Entry exact = byStatus.get(Integer.toString(status));
    return Optional.ofNullable(exact != null ? exact : byStatus.get((status / 100) + "xx"));
  }

  /** Every entry, in the file's order. */
  public Collection<Entry> all() {
    return byStatus.values();
  }

  @SuppressWarnings("unchecked")
  private static GatewayStatuses load() {
    List<Map<String, Object>> entries;
    URL file = GatewayStatuses.class.getResource(RESOURCE);
    if (file == null) {
      throw new IllegalStateException(RESOURCE + " is missing from the class path");
    }
    try {
      entries = CatalogYaml.entries(file, RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    Map<String, Entry> byStatus = new LinkedHashMap<>();
    for (Map<String, Object> e : entries) {
      String status = (String) e.get("status");
      if (status == null || !status.matches("[1-5](\\d\\d|xx)") || e.get("meaning") == null) {
        throw new IllegalStateException(RESOURCE + ": an entry needs a status and a meaning: " + e);
      }
      Object issues = e.get("issues");
      Entry entry =
          new Entry(
              status,
              (String) e.get("meaning"),
              issues == null ? List.of() : List.copyOf((List<String>) (List<?>) issues));
      if (byStatus.put(status, entry) != null) {
        throw new IllegalStateException(RESOURCE + ": status " + status + " appears twice");
      }
    }
    return new GatewayStatuses(byStatus);
  }
}
