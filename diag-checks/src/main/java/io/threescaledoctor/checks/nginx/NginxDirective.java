package io.threescaledoctor.checks.nginx;

import java.nio.file.Path;
import java.util.List;

/**
 * One directive of an nginx configuration, with where it was written. A block directive ({@code
 * server}, {@code location}) has children (possibly none); a simple one has {@code null}.
 */
public record NginxDirective(
    String name, List<String> args, Path file, int line, List<NginxDirective> children) {

  public boolean isBlock() {
    return children != null;
  }

  public String arg(int i) {
    return i < args.size() ? args.get(i) : "";
  }

  /** {@code file:line}, as findings show it. */
  public String where() {
    return file + ":" + line;
  }
}
