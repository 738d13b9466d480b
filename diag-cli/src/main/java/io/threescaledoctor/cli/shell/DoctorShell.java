package io.threescaledoctor.cli.shell;

import io.threescaledoctor.cli.CliEnvironment;
import io.threescaledoctor.cli.Main;
import io.threescaledoctor.cli.Suggestions;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.report.ExitCode;
import io.threescaledoctor.core.report.ToolInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp;
import picocli.CommandLine;

/**
 * The shell's read-execute loop. Interactive on a terminal (line editing, completion, history,
 * Ctrl-C cancels the running command), or over piped input, where it runs each line as a command,
 * prints no prompt, and ends with the exit code of the last command so a session can be scripted.
 *
 * <p>Each command runs on its own thread so that Ctrl-C always returns to the prompt: the session's
 * cancellation stops an engine run at once, and a command that does not stop within {@link
 * #CANCEL_GRACE_MILLIS} is interrupted and left behind.
 */
final class DoctorShell {
  static final int INTERRUPTED = Walk.INTERRUPTED;
  static final long CANCEL_GRACE_MILLIS = 700;
  private static final long POLL_MILLIS = 20;
  private static final List<String> EXIT_WORDS = List.of("exit", "quit", "\\q");
  private static final String CLEAR = "clear";
  // JLine reports through java.util.logging, which would print dated warnings on the terminal;
  // the shell reports what matters itself. Held here so the setting is not garbage collected.
  private static final Logger JLINE_LOG = Logger.getLogger("org.jline");

  static {
    JLINE_LOG.setLevel(Level.OFF);
  }

  private final Session session;
  private final Style style;
  private final PrintWriter out;
  private final PrintWriter err;
  private final CommandLine commands;
  private final List<String> builtins = new ArrayList<>();
  private final HistoryMasker masker;
  private final Parser parser = new DefaultParser();
  private final LineReader reader;
  private final BufferedReader script;
  private volatile boolean interruptRequested;
  private volatile boolean answering;
  private int lastExitCode = ExitCode.OK;

  private DoctorShell(
      Session session,
      Map<String, String> variables,
      PrintWriter out,
      PrintWriter err,
      Style style,
      Terminal terminal,
      Path historyFile,
      BufferedReader script) {
    this.session = session;
    this.style = style;
    this.out = out;
    this.err = err;
    this.script = script;
    this.masker = new HistoryMasker(session::redactor);
    this.commands = Main.newCommandLine(new CliEnvironment(variables, out, err, session));
    commands.getCommandSpec().removeSubcommand("shell");
    // The shell's own help (SessionCommands.Help) lists its session commands too.
    commands.getCommandSpec().removeSubcommand("help");
    for (Object builtin : SessionCommands.all(this)) {
      CommandLine sub = new CommandLine(builtin);
      builtins.add(sub.getCommandName());
      commands.addSubcommand(sub);
    }
    // Settings made before the shell's own commands were added do not reach them by themselves.
    commands.setOut(out);
    commands.setErr(err);
    commands.setExecutionExceptionHandler(commands.getExecutionExceptionHandler());
    commands.setParameterExceptionHandler(commands.getParameterExceptionHandler());
    commands.setCaseInsensitiveEnumValuesAllowed(true);
    this.reader = terminal == null ? null : newReader(terminal, historyFile);
  }

  /** A shell on {@code terminal}, keeping a masked history in {@code historyFile} (or none). */
  static DoctorShell interactive(
      Terminal terminal, Session session, Map<String, String> variables, Path historyFile) {
    boolean color =
        !Terminal.TYPE_DUMB.equals(terminal.getType())
            && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())
            && !variables.containsKey("NO_COLOR");
    PrintWriter w = terminal.writer();
    return new DoctorShell(session, variables, w, w, new Style(color), terminal, historyFile, null);
  }

  /** A shell that runs the lines of {@code script} (piped input) and prints no prompt. */
  static DoctorShell script(
      BufferedReader script,
      PrintWriter out,
      PrintWriter err,
      Session session,
      Map<String, String> variables) {
    boolean color = "always".equals(variables.get("THREESCALE_DOCTOR_COLOR"));
    return new DoctorShell(session, variables, out, err, new Style(color), null, null, script);
  }

  private LineReader newReader(Terminal terminal, Path historyFile) {
    LineReaderBuilder builder =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("3scale-doctor")
            .parser(parser)
            .completer(new ShellCompleter(commands, session, () -> answering))
            .highlighter(
                new ShellHighlighter(commands, List.of("exit", "quit", CLEAR), () -> answering))
            .history(new MaskingHistory(masker))
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .option(LineReader.Option.AUTO_FRESH_LINE, true);
    if (historyFile != null && prepare(historyFile)) {
      builder.variable(LineReader.HISTORY_FILE, historyFile);
    }
    LineReader r = builder.build();
    terminal.handle(Terminal.Signal.INT, signal -> interrupt());
    return r;
  }

  /** Whether the history file can be used; if not, says why in one line and goes on without. */
  private boolean prepare(Path historyFile) {
    try {
      Path dir = historyFile.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      if (!Files.exists(historyFile)) {
        Files.createFile(historyFile);
        try {
          Files.setPosixFilePermissions(historyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
          // Nothing to tighten on a file system without POSIX permissions.
        }
      }
      if (!Files.isRegularFile(historyFile)) {
        throw new IOException("not a regular file");
      }
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(historyFile)));
      return true;
    } catch (CharacterCodingException e) {
      err.println("3scale-doctor: history off: " + historyFile + " is not a text file");
    } catch (IOException e) {
      err.println(
          "3scale-doctor: history off: cannot use " + historyFile + " (" + e.getMessage() + ")");
    }
    err.flush();
    return false;
  }

  /** Ctrl-C while a command runs: stop it and return to the prompt. */
  void interrupt() {
    interruptRequested = true;
    session.cancellation().cancel();
  }

  Session session() {
    return session;
  }

  Style style() {
    return style;
  }

  List<String> builtinNames() {
    return List.copyOf(builtins);
  }

  /** Columns to wrap prose at: the terminal's width, or 100 in a pipe. */
  int width() {
    int columns = reader == null ? 0 : reader.getTerminal().getWidth();
    return columns > 0 ? columns - 1 : 100;
  }

  CommandLine commands() {
    return commands;
  }

  /**
   * How the walk and {@code set} ask the engineer: a line editor without history or completion, or
   * the script's next line.
   */
  Prompter prompter() {
    return new Prompter() {
      @Override
      public Optional<String> ask(String question) {
        return read(question, null);
      }

      @Override
      public Optional<String> askHidden(String question) {
        return read(question, '*');
      }
    };
  }

  private Optional<String> read(String question, Character mask) {
    if (reader == null) {
      out.print(question);
      out.flush();
      Optional<String> line = readScriptLine();
      out.println(mask == null ? line.orElse("") : "");
      out.flush();
      return line;
    }
    answering = true;
    Object disabled = reader.getVariable(LineReader.DISABLE_HISTORY);
    reader.setVariable(LineReader.DISABLE_HISTORY, true);
    try {
      return Optional.of(reader.readLine(question, mask));
    } catch (UserInterruptException | EndOfFileException e) {
      return Optional.empty();
    } finally {
      reader.setVariable(LineReader.DISABLE_HISTORY, disabled == null ? false : disabled);
      answering = false;
    }
  }

  private Optional<String> readScriptLine() {
    try {
      return Optional.ofNullable(script.readLine());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Runs until exit, Ctrl-D or the end of input; returns the exit code. */
  int run() {
    if (reader != null) {
      out.println(
          style.bold(ToolInfo.NAME + " " + ToolInfo.version() + " shell")
              + "  target: "
              + session.target().orElse("none yet (set gateway.url URL, or use FILE)"));
      out.println(
          style.dim(
              "'help' lists commands, 'walk' guides you hop by hop; TAB completes,"
                  + " Ctrl-C stops a check, Ctrl-D leaves."));
      out.flush();
    }
    try {
      while (true) {
        Optional<String> line = nextLine();
        if (line.isEmpty()) {
          break;
        }
        Optional<Integer> exit = handle(line.get());
        if (exit.isPresent()) {
          return exit.get();
        }
      }
      return reader == null ? lastExitCode : ExitCode.OK;
    } finally {
      if (reader != null) {
        try {
          reader.getHistory().save();
        } catch (IOException e) {
          err.println("3scale-doctor: could not save the history: " + e.getMessage());
        }
      }
      out.flush();
      err.flush();
    }
  }

  private Optional<String> nextLine() {
    if (reader == null) {
      return readScriptLine();
    }
    while (true) {
      try {
        return Optional.of(reader.readLine(prompt()));
      } catch (UserInterruptException e) {
        // Ctrl-C at the prompt drops the line, as in bash and psql.
      } catch (EndOfFileException e) {
        return Optional.empty();
      }
    }
  }

  /** Runs one line; returns the shell's exit code when the line asks to leave. */
  Optional<Integer> handle(String line) {
    String trimmed = line.strip();
    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
      return Optional.empty();
    }
    List<String> words;
    try {
      ParsedLine parsed = parser.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE);
      words = new ArrayList<>(parsed.words().stream().filter(w -> !w.isEmpty()).toList());
    } catch (SyntaxError e) {
      err.println("3scale-doctor: cannot read the line: " + e.getMessage());
      err.flush();
      lastExitCode = ExitCode.BAD_INPUT;
      return Optional.empty();
    }
    if (!words.isEmpty() && words.get(0).equals("3scale-doctor")) {
      words.remove(0);
    }
    if (words.isEmpty()) {
      return Optional.empty();
    }
    String command = words.get(0);
    if (EXIT_WORDS.contains(command)) {
      return Optional.of(exitCode(words));
    }
    if (command.equals(CLEAR) && reader != null) {
      reader.getTerminal().puts(InfoCmp.Capability.clear_screen);
      reader.getTerminal().flush();
      return Optional.empty();
    }
    if (command.equals("shell")) {
      err.println("3scale-doctor: you are in the shell already.");
      err.flush();
      return Optional.empty();
    }
    if (!command.startsWith("-") && !commands.getSubcommands().containsKey(command)) {
      List<String> known = new ArrayList<>(commands.getSubcommands().keySet());
      known.addAll(EXIT_WORDS.subList(0, 2));
      known.add(CLEAR);
      err.println(
          "3scale-doctor: unknown command '"
              + command
              + "'"
              + Suggestions.didYouMean(command, known)
              + ". Type 'help' for the list.");
      err.flush();
      lastExitCode = ExitCode.BAD_INPUT;
      return Optional.empty();
    }
    session.currentCommand(masker.mask(String.join(" ", words)));
    lastExitCode = execute(words.toArray(String[]::new));
    return Optional.empty();
  }

  private int exitCode(List<String> words) {
    if (words.size() < 2) {
      return reader == null ? lastExitCode : ExitCode.OK;
    }
    try {
      return Integer.parseInt(words.get(1));
    } catch (NumberFormatException e) {
      return ExitCode.BAD_INPUT;
    }
  }

  private int execute(String[] args) {
    interruptRequested = false;
    session.newCancellation();
    FutureTask<Integer> task = new FutureTask<>(() -> commands.execute(args));
    Thread worker = new Thread(task, "3scale-doctor-command");
    worker.setDaemon(true);
    worker.start();
    try {
      while (true) {
        try {
          int code = task.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
          if (interruptRequested) {
            // Cancelled, and it wound down before this loop looked again.
            out.println(style.dim("Cancelled (Ctrl-C)."));
            return INTERRUPTED;
          }
          return code;
        } catch (TimeoutException stillRunning) {
          if (interruptRequested) {
            return cancelled(task, worker);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return INTERRUPTED;
    } catch (ExecutionException e) {
      err.println("3scale-doctor: internal error: " + e.getCause());
      err.flush();
      return ExitCode.INTERNAL_ERROR;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private int cancelled(FutureTask<Integer> task, Thread worker)
      throws InterruptedException, ExecutionException {
    try {
      task.get(CANCEL_GRACE_MILLIS, TimeUnit.MILLISECONDS);
      out.println(style.dim("Cancelled (Ctrl-C)."));
    } catch (TimeoutException stuck) {
      worker.interrupt();
      out.println(style.dim("Cancelled (Ctrl-C); the command did not stop and was left behind."));
    }
    return INTERRUPTED;
  }

  /** {@code doctor https://api.example.com FAIL> }: the target (masked) and the worst status. */
  String prompt() {
    AttributedStringBuilder p = new AttributedStringBuilder();
    p.styled(AttributedStyle.BOLD, "doctor");
    String target = session.target().map(DoctorShell::shorten).orElse("(no target)");
    p.append(" ").styled(AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN), target);
    Optional<Status> worst = session.worstStatus();
    worst.ifPresent(s -> p.append(" ").styled(statusStyle(s), s.name()));
    p.append("> ");
    AttributedString prompt = p.toAttributedString();
    return style.color() ? prompt.toAnsi(reader.getTerminal()) : prompt.toString();
  }

  private static AttributedStyle statusStyle(Status s) {
    return switch (s) {
      case PASS -> AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
      case WARN -> AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
      case FAIL -> AttributedStyle.BOLD.foreground(AttributedStyle.RED);
      case ERROR -> AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
      case SKIP -> AttributedStyle.DEFAULT.faint();
    };
  }

  private static String shorten(String target) {
    return target.length() <= 48 ? target : target.substring(0, 45) + "...";
  }
}
