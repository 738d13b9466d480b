package io.threescaledoctor.checks.logs;

import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.issue.CatalogYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
      URL file = LogMessageCatalog.class.getClassLoader().getResource(RESOURCE);
      if (file == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      try {
        c = of(CatalogYaml.entries(file, RESOURCE));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
      standard = c;
    }
    return c;
  }

  static LogMessageCatalog parse(InputStream yaml) throws IOException {
    return of(CatalogYaml.entries(yaml, RESOURCE));
  }

  private static LogMessageCatalog of(List<Map<String, Object>> raw) {
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
    String severityText = string(e, "severity", false);
    LogMessage.Severity severity =
        severityText == null
            ? LogMessage.Severity.FAIL
            : LogMessage.Severity.valueOf(severityText.toUpperCase(Locale.ROOT));
    String aboutText = string(e, "about", false);
    LogMessage.Cause api = null;
    LogMessage.Cause backend = null;
    LogMessage.Cause unattributed = null;
    LogMessage.About about;
    if (e.get("api") instanceof Map<?, ?> a && e.get("backend") instanceof Map<?, ?> b) {
      about = LogMessage.About.UPSTREAM;
      api = cause(id, (Map<String, Object>) a);
      backend = cause(id, (Map<String, Object>) b);
      if (e.get("unattributed") instanceof Map<?, ?> u) {
        unattributed = cause(id, (Map<String, Object>) u);
      }
    } else if ("backend-answer".equals(aboutText)) {
      about = LogMessage.About.BACKEND_ANSWER;
    } else if (e.get("issue") != null) {
      about = "resolver".equals(aboutText) ? LogMessage.About.RESOLVER : LogMessage.About.NOTHING;
      api = new LogMessage.Cause(string(e, "issue", true), hop(id, string(e, "hop", false)));
    } else if (severity == LogMessage.Severity.BENIGN) {
      about = LogMessage.About.NOTHING;
    } else {
      throw new IllegalStateException(
          "log message "
              + id
              + ": needs 'issue', 'api' + 'backend', 'about: backend-answer' or 'severity:"
              + " benign'");
    }
    return new LogMessage(
        id,
        string(e, "title", true),
        substrings,
        api,
        backend,
        unattributed,
        string(e, "subjectAfter", false),
        string(e, "subjectBefore", false),
        severity,
        about,
        string(e, "section", severity != LogMessage.Severity.BENIGN));
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

  /** Every known-issue id the catalog points to, the 3scale backend's answers' included. */
  public Set<String> issueIds() {
    Set<String> ids = new HashSet<>();
    for (LogMessage m : messages) {
      for (LogMessage.Cause c : new LogMessage.Cause[] {m.api(), m.backend(), m.unattributed()}) {
        if (c != null) {
          ids.add(c.issue());
        }
      }
      if (m.attributed()) {
        ids.add(LogMessage.UNATTRIBUTED.issue());
      }
      if (m.about() == LogMessage.About.BACKEND_ANSWER) {
        ids.addAll(BackendAnswer.possibleIssues());
      }
    }
    return ids;
  }
}
