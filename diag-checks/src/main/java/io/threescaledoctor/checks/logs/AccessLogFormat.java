package io.threescaledoctor.checks.logs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An nginx {@code log_format}, given as nginx's format string, turned into a line parser: each
 * variable's value runs up to the literal text that follows it in the format.
 */
public final class AccessLogFormat {
  /** nginx's predefined {@code combined} format. */
  public static final String COMBINED =
      "$remote_addr - $remote_user [$time_local] \"$request\""
          + " $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"";

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([a-zA-Z0-9_]+)}?");
  private static final DateTimeFormatter TIME_LOCAL =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

  private final String format;

  /** literal[0] var[0] literal[1] var[1] ... literal[n]. */
  private final List<String> literals = new ArrayList<>();

  private final List<String> variables = new ArrayList<>();

  private AccessLogFormat(String format) {
    this.format = format;
    Matcher m = VARIABLE.matcher(format);
    int at = 0;
    while (m.find()) {
      literals.add(format.substring(at, m.start()));
      variables.add(m.group(1));
      at = m.end();
    }
    literals.add(format.substring(at));
  }

  public static AccessLogFormat of(String format) {
    AccessLogFormat f = new AccessLogFormat(format);
    if (!f.variables.contains("status")) {
      throw new IllegalArgumentException("log format has no $status: " + format);
    }
    if (!f.variables.contains("time_local")
        && !f.variables.contains("time_iso8601")
        && !f.variables.contains("msec")) {
      throw new IllegalArgumentException(
          "log format has no $time_local, $time_iso8601 or" + " $msec: " + format);
    }
    for (int i = 1; i < f.literals.size() - 1; i++) {
      if (f.literals.get(i).isEmpty()) {
        throw new IllegalArgumentException(
            "log format has two variables with nothing between"
                + " them ($"
                + f.variables.get(i - 1)
                + "$"
                + f.variables.get(i)
                + ")");
      }
    }
    return f;
  }

  public static AccessLogFormat combined() {
    return of(COMBINED);
  }

  public String format() {
    return format;
  }

  public boolean has(String variable) {
    return variables.contains(variable);
  }

  /** The variables' values, or null when the line does not have this format's shape. */
  Map<String, String> parse(String line) {
    if (!line.startsWith(literals.get(0))) {
      return null;
    }
    Map<String, String> values = new HashMap<>();
    int at = literals.get(0).length();
    for (int i = 0; i < variables.size(); i++) {
      String next = literals.get(i + 1);
      int end;
      if (i == variables.size() - 1 && next.isEmpty()) {
        end = line.length();
      } else {
        end = line.indexOf(next, at);
        if (end < 0) {
          return null;
        }
      }
      values.put(variables.get(i), line.substring(at, end));
      at = end + next.length();
    }
    return values;
  }

  /** The request's time from whichever time variable the format has. */
  static Instant time(Map<String, String> v) {
    try {
      if (v.containsKey("time_local")) {
        return OffsetDateTime.parse(v.get("time_local"), TIME_LOCAL).toInstant();
      }
      if (v.containsKey("time_iso8601")) {
        return OffsetDateTime.parse(v.get("time_iso8601")).toInstant();
      }
      if (v.containsKey("msec")) {
        return Instant.ofEpochMilli((long) (Double.parseDouble(v.get("msec")) * 1000));
      }
    } catch (DateTimeParseException | NumberFormatException e) {
      return null;
    }
    return null;
  }
}
