package io.threescaledoctor.checks.logs;

import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.issue.CatalogYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The known error-log messages, read from {@value #RESOURCE}: patterns are data, so adding a
 * message is one YAML entry. Entries are tried in file order; the first whose substrings all occur
 * wins.
 */
public final class LogMessageCatalog {
  public static final String RESOURCE = "io/threescaledoctor/checks/logs/error-log-messages.yaml";

  private static volatile LogMessageCatalog standard;

  private final List<LogMessage> messages;
  private volatile MessageMatcher matcher;

  LogMessageCatalog(List<LogMessage> messages) {
    this.messages = List.copyOf(messages);
    Set<String> ids = new HashSet<>();
    for (LogMessage m : messages) {
      if (!ids.add(m.id())) {
        throw new IllegalStateException("log message '" + m.id() + "' is defined twice");
      }
    }
  }

  /** The catalog shipped with the doctor. */
  public static LogMessageCatalog standard() {
    LogMessageCatalog c = standard;
    if (c == null) {
      try (InputStream in =
          LogMessageCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing from the class path");
        }
        c = parse(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
      standard = c;
    }
    return c;
  }

  static LogMessageCatalog parse(InputStream yaml) throws IOException {
    List<Map<String, Object>> raw = CatalogYaml.entries(yaml, RESOURCE);
    List<LogMessage> messages = new ArrayList<>();
    for (Map<String, Object> e : raw) {
      messages.add(toMessage(e));
    }
    return new LogMessageCatalog(messages);
  }

  @SuppressWarnings("unchecked")
  private static LogMessage toMessage(Map<String, Object> e) {
    String id = string(e, "id", true);
    Object match = e.get("match");
    if (!(match instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalStateException("log message " + id + ": 'match' must be a non-empty list");
    }
    List<String> substrings = list.stream().map(String::valueOf).toList();
    LogMessage.Cause api;
    LogMessage.Cause backend = null;
    if (e.get("issue") != null) {
      api = new LogMessage.Cause(string(e, "issue", true), hop(id, string(e, "hop", false)));
    } else if (e.get("api") instanceof Map<?, ?> a && e.get("backend") instanceof Map<?, ?> b) {
      api = cause(id, (Map<String, Object>) a);
      backend = cause(id, (Map<String, Object>) b);
    } else {
      throw new IllegalStateException("log message " + id + ": needs 'issue' or 'api' + 'backend'");
    }
    String severity = string(e, "severity", false);
    return new LogMessage(
        id,
        string(e, "title", true),
        substrings,
        api,
        backend,
        string(e, "subjectAfter", false),
        string(e, "subjectBefore", false),
        severity == null
            ? LogMessage.Severity.FAIL
            : LogMessage.Severity.valueOf(severity.toUpperCase()),
        string(e, "section", true));
  }

  private static LogMessage.Cause cause(String id, Map<String, Object> m) {
    return new LogMessage.Cause(string(m, "issue", true), hop(id, string(m, "hop", false)));
  }

  private static Hop hop(String id, String hopId) {
    if (hopId == null) {
      return null;
    }
    return Hop.byId(hopId)
        .orElseThrow(
            () -> new IllegalStateException("log message " + id + ": unknown hop " + hopId));
  }

  private static String string(Map<String, Object> m, String key, boolean required) {
    Object v = m.get(key);
    if (v == null || String.valueOf(v).isEmpty()) {
      if (required) {
        throw new IllegalStateException("log message " + m.get("id") + " lacks '" + key + "'");
      }
      return null;
    }
    return String.valueOf(v);
  }

  public List<LogMessage> messages() {
    return messages;
  }

  /** The catalog prepared for matching, built on first use. */
  MessageMatcher matcher() {
    MessageMatcher m = matcher;
    if (m == null) {
      m = new MessageMatcher(messages);
      matcher = m;
    }
    return m;
  }

  /** Every known-issue id the catalog points to. */
  public Set<String> issueIds() {
    Set<String> ids = new HashSet<>();
    for (LogMessage m : messages) {
      ids.add(m.api().issue());
      if (m.backend() != null) {
        ids.add(m.backend().issue());
      }
    }
    return ids;
  }
}
