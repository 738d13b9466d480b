package io.threescaledoctor.cli.shell;

import io.threescaledoctor.cli.BadInputException;
import io.threescaledoctor.cli.Suggestions;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.ProfileException;
import io.threescaledoctor.core.profile.ProfileKeys;
import io.threescaledoctor.core.report.TextReportRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The commands that exist only inside the shell: session profile, results, walk, report. */
final class SessionCommands {
  private SessionCommands() {}

  /** The command objects, each bound to the shell it serves. */
  static List<Object> all(DoctorShell shell) {
    return List.of(
        new Set(shell),
        new Unset(shell),
        new Show(shell),
        new Use(shell),
        new WalkCommand(shell),
        new Last(shell),
        new Findings(shell),
        new Report(shell),
        new Help(shell));
  }

  @Command(
      name = "set",
      description = "Set a profile key for this session: set KEY VALUE.",
      footer = {
        "",
        "Examples:",
        "  set gateway.url https://api.example.com",
        "  set credentials.userKey $${USER_KEY}   (read from the environment, never typed)",
        "  set credentials.userKey              (asks for it without echoing it)",
        "  set credentials.userKey 9f3c...      (shown masked, masked in the history)",
        "  set dns.resolvers 10.0.0.2,10.0.0.3"
      })
  static final class Set implements Callable<Integer> {
    private final DoctorShell shell;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KEY", description = "A profile key (TAB lists them).")
    String key;

    @Parameters(
        index = "1..*",
        arity = "0..*",
        paramLabel = "VALUE",
        description =
            "The value; lists are comma-separated; $${NAME} reads an environment"
                + " variable. Left out for a secret key, it is asked for without echo.")
    List<String> value = new ArrayList<>();

    Set(DoctorShell shell) {
      this.shell = shell;
    }

    @Override
    public Integer call() throws ProfileException {
      String k = key;
      String v = String.join(" ", value);
      int eq = key.indexOf('=');
      if (value.isEmpty() && eq > 0) {
        k = key.substring(0, eq);
        v = key.substring(eq + 1);
      } else if (value.isEmpty() && HistoryMasker.isSecretKey(key)) {
        v =
            shell
                .prompter()
                .askHidden(key + " (typing hidden): ")
                .orElseThrow(() -> new BadInputException("set " + key + ": no value given"));
      } else if (value.isEmpty()) {
        throw new BadInputException(
            "set " + key + ": give a value (set KEY VALUE), or use" + " 'unset " + key + "'");
      }
      v = shell.session().interpolate(v);
      if (HistoryMasker.isSecretKey(k) && v.startsWith("****")) {
        throw new BadInputException(
            "set "
                + k
                + ": '"
                + v
                + "' is a masked value (the history"
                + " keeps secrets masked); type the real value");
      }
      shell.session().set(k, v);
      PrintWriter out = spec.commandLine().getOut();
      out.println(k + " = " + shell.session().values().getOrDefault(k, "(default)"));
      out.flush();
      return 0;
    }
  }

  @Command(name = "unset", description = "Remove profile keys from this session: unset KEY...")
  static final class Unset implements Callable<Integer> {
    private final DoctorShell shell;
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "KEY", description = "Profile keys to remove.")
    List<String> keys = new ArrayList<>();

    Unset(DoctorShell shell) {
      this.shell = shell;
    }

    @Override
    public Integer call() throws ProfileException {
      for (String k : keys) {
        shell.session().unset(k);
      }
      spec.commandLine().getOut().println("unset " + String.join(", ", keys));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "show", description = "Show the session's profile, secrets masked.")
  static final class Show implements Callable<Integer> {
    private final DoctorShell shell;
    @Spec CommandSpec spec;

    @Option(
        names = {"-a", "--all"},
        description = "List every key, set or not.")
    boolean all;

    @Parameters(arity = "0..*", paramLabel = "KEY", description = "Only these keys.")
    List<String> keys = new ArrayList<>();

    Show(DoctorShell shell) {
      this.shell = shell;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Session s = shell.session();
      Map<String, String> values = s.values();
      for (String k : keys) {
        if (ProfileKeys.find(k).isEmpty()) {
          throw new BadInputException(
              "show "
                  + k
                  + ": unknown profile key"
                  + Suggestions.didYouMean(k, ProfileKeys.names()));
        }
      }
      out.println("profile file: " + (s.profileFile() == null ? "none" : s.profileFile()));
      List<String> shown =
          !keys.isEmpty() ? keys : all ? ProfileKeys.names() : new ArrayList<>(values.keySet());
      if (shown.isEmpty()) {
        out.println("No key is set. 'set KEY VALUE' sets one; 'show --all' lists them all.");
      }
      int width = shown.stream().mapToInt(String::length).max().orElse(0);
      java.util.Set<String> fromSession = s.profileOverrides().keySet();
      for (String k : shown) {
        String value = values.get(k);
        out.printf(
            "  %-" + width + "s = %s%s%n",
            k,
            value == null ? shell.style().dim("(not set)") : value,
            fromSession.contains(k) ? shell.style().dim("   (set in this session)") : "");
      }
      for (String weak : s.redactor().weakSecrets()) {
        out.println(
            shell
                .style()
                .bold(
                    "warning: "
                        + weak
                        + " is shorter than "
                        + Redactor.MIN_SUBSTRING_LENGTH
                        + " characters: weak as a key, and masked only where it appears as a"
                        + " credential"));
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "use",
      description = "Load another profile file (keys set in the session are" + " dropped).")
  static final class Use implements Callable<Integer> {
    private final DoctorShell shell;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A profile (YAML).")
    Path file;

    Use(DoctorShell shell) {
      this.shell = shell;
    }

    @Override
    public Integer call() throws ProfileException {
      shell.session().use(file);
      spec.commandLine()
          .getOut()
          .println(
              "Loaded "
                  + file
                  + ". Target: "
                  + shell.session().target().orElse("none (set gateway.url or api.url)"));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(
      name = "walk",
      description =
          "Guided run, hop by hop in the guide's order, asking" + " what the doctor cannot see.")
  static final class WalkCommand implements Callable<Integer> {
    private final DoctorShell shell;
    @Spec CommandSpec spec;

    @Option(
        names = "--from",
        paramLabel = "HOP",
        completionCandidates = HopIds.class,
        description = "Start at this hop: ${COMPLETION-CANDIDATES}.")
    String from = Hop.API.id();

    WalkCommand(DoctorShell shell) {
      this.shell = shell;
    }

    @Override
    public Integer call() {
      Hop start =
          Hop.byId(from)
              .orElseThrow(
                  () ->
                      new BadInputException(
                          "--from "
                              + from
                              + ": not a hop"
                              + Suggestions.didYouMean(from, new HopIds().list())
                              + " (hops: "
                              + String.join(", ", new HopIds().list())
                              + ")"));
      return new Walk(
              shell.session(),
              shell.session().checks(),
              KnownIssueCatalog.standard(),
              shell.prompter(),
              spec.commandLine().getOut(),
              shell.style(),
              shell.width())
          .run(start);
    }
  }

  @Command(name = "last", description = "Show the report of the last run again.")
  static final class Last implements Callable<Integer> {
    private final DoctorShell shell;
    @Spec CommandSpec spec;

    @Option(
        names = {"-v", "--verbose"},
        description = "Show the evidence of passing checks too.")
    boolean verbose;

    Last(DoctorShell shell) {
      this.shell = shell;
    }

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      var last = shell.session().lastRun();
      if (last.isEmpty()) {
        out.println("Nothing has run yet in this session; try 'run' or 'walk'.");
        out.flush();
        return 0;
      }
      out.println(shell.style().dim("last: " + last.get().command()));
      new TextReportRenderer(shell.style().color(), verbose).render(last.get().diagnosis(), out);
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "findings",
      description =
          "What failed, warned or could not run in this" + " session (latest result per check).")
  static final class Findings implements Callable<Integer> {
    private final DoctorShell shell;
    @Spec CommandSpec spec;

    Findings(DoctorShell shell) {
      this.shell = shell;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<CheckResult> latest = shell.session().latestResults();
      List<CheckResult> findings =
          latest.stream()
              .filter(
                  r ->
                      r.status() == Status.FAIL
                          || r.status() == Status.WARN
                          || r.status() == Status.ERROR)
              .toList();
      if (latest.isEmpty()) {
        out.println("No check has run yet in this session; try 'run' or 'walk'.");
      } else if (findings.isEmpty()) {
        out.println("No findings: " + latest.size() + " checks, none failed, warned or broke.");
      }
      Style style = shell.style();
      for (CheckResult r : findings) {
        out.println(
            style.status(r.status()) + " " + r.id() + " [" + r.hop().id() + "]  " + r.summary());
        r.cause().ifPresent(c -> out.println("      cause:  " + c + "  (explain " + c + ")"));
        r.remedy().ifPresent(c -> out.println("      remedy: " + c));
        r.reference().ifPresent(c -> out.println("      guide:  " + c));
      }
      if (!findings.isEmpty()) {
        out.println(Walk.summary(shell.session().diagnosis()));
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "report",
      description =
          "Write the session up in Markdown for a support"
              + " ticket: report save FILE.md, or report show.",
      subcommands = {Report.Save.class, Report.ShowReport.class})
  static final class Report implements Callable<Integer> {
    private final DoctorShell shell;
    @Spec CommandSpec spec;

    Report(DoctorShell shell) {
      this.shell = shell;
    }

    @Override
    public Integer call() {
      throw new BadInputException("report: say 'report save FILE.md' or 'report show'");
    }

    @Command(name = "save", description = "Write the Markdown report to FILE.")
    static final class Save implements Callable<Integer> {
      @CommandLine.ParentCommand Report parent;
      @Spec CommandSpec spec;

      @Parameters(paramLabel = "FILE", description = "Where to write it, e.g. ticket.md.")
      Path file;

      @Option(names = "--force", description = "Overwrite FILE if it exists.")
      boolean force;

      @Override
      public Integer call() throws IOException {
        if (Files.exists(file) && !force) {
          throw new BadInputException(
              "report save " + file + ": the file exists (add --force" + " to overwrite)");
        }
        String md = new SessionReport(parent.shell.session()).render();
        try {
          Files.writeString(file, md, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException e) {
          throw new BadInputException("report save " + file + ": cannot write there");
        }
        spec.commandLine()
            .getOut()
            .println("Wrote " + file.toAbsolutePath() + " (" + md.lines().count() + " lines).");
        spec.commandLine().getOut().flush();
        return 0;
      }
    }

    @Command(name = "show", description = "Print the Markdown report here.")
    static final class ShowReport implements Callable<Integer> {
      @CommandLine.ParentCommand Report parent;
      @Spec CommandSpec spec;

      @Override
      public Integer call() {
        spec.commandLine().getOut().print(new SessionReport(parent.shell.session()).render());
        spec.commandLine().getOut().flush();
        return 0;
      }
    }
  }

  @Command(name = "help", description = "List the commands, or show one's usage: help COMMAND.")
  static final class Help implements Callable<Integer> {
    private final DoctorShell shell;
    @Spec CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "COMMAND", description = "A command.")
    String command;

    Help(DoctorShell shell) {
      this.shell = shell;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      CommandLine root = spec.commandLine().getParent();
      if (command != null) {
        CommandLine sub = root.getSubcommands().get(command);
        if (sub == null) {
          throw new BadInputException(
              "help "
                  + command
                  + ": no such command"
                  + Suggestions.didYouMean(command, root.getSubcommands().keySet()));
        }
        sub.usage(out);
        out.flush();
        return 0;
      }
      out.println("Commands ('help COMMAND' or 'COMMAND --help' for details):");
      List<String> builtins = shell.builtinNames();
      out.println();
      out.println(shell.style().bold("Diagnose"));
      root.getSubcommands()
          .forEach(
              (name, sub) -> {
                if (!builtins.contains(name)) {
                  line(out, name, sub);
                }
              });
      out.println();
      out.println(shell.style().bold("Session"));
      root.getSubcommands()
          .forEach(
              (name, sub) -> {
                if (builtins.contains(name)) {
                  line(out, name, sub);
                }
              });
      out.printf("  %-11s %s%n", "clear", "Clear the screen (Ctrl-L does the same).");
      out.printf("  %-11s %s%n", "exit, quit", "Leave the shell (Ctrl-D does the same).");
      out.println();
      out.println(
          "TAB completes commands, options, check ids, hops, profile keys, known-issue"
              + " ids and files.");
      out.println("Ctrl-C stops the running command; Ctrl-R searches the history; Ctrl-D leaves.");
      out.flush();
      return 0;
    }

    private static void line(PrintWriter out, String name, CommandLine sub) {
      String[] description = sub.getCommandSpec().usageMessage().description();
      out.printf("  %-11s %s%n", name, description.length == 0 ? "" : description[0]);
    }
  }

  /** The hop ids, for completion and help. */
  static final class HopIds implements Iterable<String> {
    List<String> list() {
      return Arrays.stream(Hop.values()).map(Hop::id).toList();
    }

    @Override
    public Iterator<String> iterator() {
      return list().iterator();
    }
  }
}
