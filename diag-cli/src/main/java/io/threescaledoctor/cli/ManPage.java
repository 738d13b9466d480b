package io.threescaledoctor.cli;

import io.threescaledoctor.core.report.ToolInfo;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The manual page, {@code 3scale-doctor(1)}, in troff's man macros, written from the command model
 * so that it lists every command and option the build has: a section per command with its synopsis,
 * description, arguments, options and exit codes, then the environment and files.
 */
final class ManPage {
  private static final ColorScheme PLAIN = new ColorScheme.Builder(Ansi.OFF).build();

  private ManPage() {}

  static String of(CommandLine root) {
    CommandSpec spec = root.getCommandSpec();
    StringBuilder sb = new StringBuilder();
    sb.append(".\\\" Written by '3scale-doctor help --man' from the command model.\n");
    sb.append(".TH 3SCALE-DOCTOR 1 \"\" \"")
        .append(escape(ToolInfo.NAME + " " + ToolInfo.version()))
        .append("\" \"User Commands\"\n");
    sb.append(".SH NAME\n3scale\\-doctor \\- find where a 3scale API integration breaks\n");
    sb.append(
        ".SH SYNOPSIS\n.B 3scale\\-doctor\n.I COMMAND\n[\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]\n");
    sb.append(".SH DESCRIPTION\n");
    paragraphs(sb, spec.usageMessage().description());
    sb.append(
        ".SH OPTIONS\nEvery command takes \\fB\\-\\-debug\\fR, \\fB\\-\\-no\\-color\\fR and"
            + " \\fB\\-h\\fR, \\fB\\-\\-help\\fR.\n");
    options(sb, spec);
    sb.append(".SH COMMANDS\n");
    commands(sb, root, "");
    sb.append(".SH EXIT STATUS\n");
    exitCodes(sb, spec.usageMessage().exitCodeList());
    sb.append(
        """
        .SH ENVIRONMENT
        .TP
        .B NO_COLOR
        Never colour the output (as \\fB\\-\\-no\\-color\\fR).
        .TP
        .B SSL_CERT_FILE
        Extra trusted CAs when \\fBtls.caFile\\fR is not set, as the 3scale toolbox reads it.
        .TP
        .B THREESCALE_CLI_CONFIG
        The remotes file shared with the 3scale toolbox (default \\fI~/.3scalerc.yaml\\fR).
        .TP
        .B THREESCALE_DOCTOR_HISTORY
        The shell's history file; empty turns the history off.
        .TP
        .B THREESCALE_DOCTOR_JAVA_OPTS
        JVM options the \\fB3scale\\-doctor\\fR launcher passes on (e.g. \\fB\\-Xmx200m\\fR).
        .SH FILES
        .TP
        .I ~/.3scalerc.yaml
        Remotes (admin portals and their access tokens), as the 3scale toolbox writes them.
        .TP
        .I ~/.3scale\\-doctor/history
        The shell's history, secrets masked.
        .SH SEE ALSO
        .BR curl (1),
        .BR dig (1),
        .BR openssl\\-s_client (1),
        .BR nginx (8);
        \\fIOperating 3scale 2.5\\fR, chapter 4 (troubleshooting).
        """);
    return sb.toString();
  }

  private static void commands(StringBuilder sb, CommandLine parent, String prefix) {
    parent
        .getSubcommands()
        .forEach(
            (name, cl) -> {
              CommandSpec spec = cl.getCommandSpec();
              if (!spec.name().equals(name) || spec.usageMessage().hidden()) {
                return;
              }
              String path = prefix.isEmpty() ? name : prefix + " " + name;
              sb.append(".SS \"").append(escape(path)).append("\"\n");
              sb.append(".B ").append(escape(synopsis(spec).strip())).append("\n.PP\n");
              paragraphs(sb, spec.usageMessage().description());
              for (PositionalParamSpec p : spec.positionalParameters()) {
                if (p.hidden()) {
                  continue;
                }
                sb.append(".TP\n.I ").append(escape(p.paramLabel())).append('\n');
                sb.append(escape(String.join(" ", p.description()))).append('\n');
              }
              options(sb, spec);
              if (!spec.usageMessage().exitCodeList().isEmpty()) {
                sb.append(".PP\nExit codes:\n");
                exitCodes(sb, spec.usageMessage().exitCodeList());
              }
              commands(sb, cl, path);
            });
  }

  private static String synopsis(CommandSpec spec) {
    return new CommandLine.Help(spec, PLAIN).synopsis(0).replaceAll("\\s+", " ");
  }

  private static void options(StringBuilder sb, CommandSpec spec) {
    for (OptionSpec o : spec.options()) {
      if (o.hidden()) {
        continue;
      }
      sb.append(".TP\n.B ").append(escape(String.join(", ", o.names())));
      if (o.arity().max() > 0) {
        sb.append(" \\fI").append(escape(o.paramLabel())).append("\\fR");
      }
      sb.append('\n').append(escape(String.join(" ", o.description()))).append('\n');
    }
  }

  private static void exitCodes(StringBuilder sb, Map<String, String> codes) {
    codes.forEach(
        (code, meaning) ->
            sb.append(".TP\n.B ")
                .append(escape(code.trim()))
                .append('\n')
                .append(escape(meaning))
                .append('\n'));
  }

  /** Description lines: blank lines part paragraphs, indented lines (examples) keep their shape. */
  private static void paragraphs(StringBuilder sb, String[] lines) {
    boolean example = false;
    for (String line : List.of(lines)) {
      boolean indented = line.startsWith("  ");
      if (indented && !example) {
        sb.append(".RS\n.nf\n");
      } else if (!indented && example) {
        sb.append(".fi\n.RE\n");
      }
      example = indented;
      if (line.isBlank()) {
        sb.append(".PP\n");
      } else {
        sb.append(escape(indented ? line.strip() : line)).append('\n');
      }
    }
    if (example) {
      sb.append(".fi\n.RE\n");
    }
  }

  /** Text troff prints as it is: backslashes and minus signs escaped, no request at line start. */
  static String escape(String text) {
    String s = text.replace("\\", "\\e").replace("-", "\\-").replace('\n', ' ');
    return s.startsWith(".") || s.startsWith("'") ? "\\&" + s : s;
  }
}
