package io.threescaledoctor.cli;

import io.threescaledoctor.core.profile.ProfileException;
import io.threescaledoctor.core.report.ExitCode;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/** Entry point of the {@code 3scale-doctor} command; tests call {@link #execute}. */
public final class Main {
  private Main() {}

  /**
   * Writes UTF-8 whatever the locale says: JSON is UTF-8 by definition, and under {@code LANG=C} (a
   * container's default) Java 17 would write every character beyond ASCII, the sparkline's blocks
   * among them, as {@code ?}.
   */
  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = execute(args, out, err, System.getenv());
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs the command line with the given streams and environment; returns the exit code. */
  public static int execute(
      String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
    CliEnvironment env = new CliEnvironment(environment, out, err);
    return newCommandLine(env, args.length == 0 ? null : args[0]).execute(args);
  }

  /** The full command tree, also used inside the shell. */
  public static CommandLine newCommandLine(CliEnvironment env) {
    return newCommandLine(env, null);
  }

  /**
   * The command tree; when {@code firstArgument} names a verb, with that verb alone. Building a
   * verb's model costs tens of milliseconds, a command line that starts with a verb needs no other,
   * and anything else (help, a typo to suggest a verb for) gets them all.
   */
  private static CommandLine newCommandLine(CliEnvironment env, String firstArgument) {
    CommandLine cl = new CommandLine(new DoctorCommand(), new EnvironmentFactory(env));
    List<ServiceLoader.Provider<DoctorSubcommand>> verbs =
        ServiceLoader.load(DoctorSubcommand.class, Main.class.getClassLoader()).stream().toList();
    List<ServiceLoader.Provider<DoctorSubcommand>> named =
        verbs.stream().filter(v -> names(v.type()).contains(firstArgument)).toList();
    for (ServiceLoader.Provider<DoctorSubcommand> verb : named.isEmpty() ? verbs : named) {
      DoctorSubcommand sub = verb.get();
      if (sub instanceof EnvironmentAware aware) {
        aware.environment(env);
      }
      CommandLine subcommand = new CommandLine(sub, new EnvironmentFactory(env));
      withHelpOption(subcommand);
      cl.addSubcommand(subcommand);
    }
    cl.setOut(env.out());
    cl.setErr(env.err());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpAutoWidth(true);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, commandLine, env));
    cl.setParameterExceptionHandler(Main::handleParameterError);
    return cl;
  }

  private static List<String> names(Class<?> verb) {
    CommandLine.Command command = verb.getAnnotation(CommandLine.Command.class);
    List<String> names = new ArrayList<>(List.of(command.aliases()));
    names.add(command.name());
    return names;
  }

  /** Every verb (and its own subcommands) answers -h/--help, whether or not its class asks. */
  private static void withHelpOption(CommandLine cl) {
    CommandSpec spec = cl.getCommandSpec();
    if (spec.findOption("--help") == null) {
      spec.addOption(
          OptionSpec.builder("-h", "--help")
              .usageHelp(true)
              .description("Show this help message and exit.")
              .build());
    }
    cl.getSubcommands().values().forEach(Main::withHelpOption);
  }

  private static int handle(Exception ex, CommandLine commandLine, CliEnvironment env) {
    PrintWriter err = commandLine.getErr();
    if (ex instanceof BadInputException || ex instanceof ProfileException) {
      err.println("3scale-doctor: " + ex.getMessage());
      return ExitCode.BAD_INPUT;
    }
    if (env.debug(commandLine)) {
      ex.printStackTrace(err);
    }
    err.println(
        "3scale-doctor: internal error: "
            + ex.getClass().getSimpleName()
            + (ex.getMessage() == null ? "" : ": " + ex.getMessage().lines().findFirst().orElse(""))
            + (env.debug(commandLine) ? "" : " (run again with --debug for details)"));
    return ExitCode.INTERNAL_ERROR;
  }

  private static int handleParameterError(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    String typo = typoLine(ex);
    if (typo != null) {
      err.println("3scale-doctor: " + typo);
    } else {
      err.println("3scale-doctor: " + ex.getMessage().lines().findFirst().orElse("bad usage"));
      err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help'.");
    }
    return ExitCode.BAD_INPUT;
  }

  /**
   * "unknown command 'log'; did you mean 'logs'?" (or an option's), the way git and kubectl say it;
   * null when the error is not a single unknown word.
   */
  private static String typoLine(ParameterException ex) {
    if (!(ex instanceof CommandLine.UnmatchedArgumentException unmatched)
        || unmatched.getUnmatched().isEmpty()) {
      return null;
    }
    CommandSpec spec = ex.getCommandLine().getCommandSpec();
    String word = unmatched.getUnmatched().get(0);
    String where = spec.parent() == null ? "" : " for '" + spec.qualifiedName() + "'";
    Collection<String> names;
    String kind;
    if (word.startsWith("-")) {
      kind = "option";
      word = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
      names = spec.options().stream().flatMap(o -> Arrays.stream(o.names())).toList();
    } else if (!spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()) {
      kind = "command";
      names = spec.subcommands().keySet();
    } else {
      return null;
    }
    List<String> close = Suggestions.closest(word, names);
    String suggestion =
        close.isEmpty()
            ? " (see '" + spec.qualifiedName() + " --help')"
            : "; did you mean "
                + close.stream().map(n -> "'" + n + "'").collect(Collectors.joining(" or "))
                + "?";
    return "unknown " + kind + " '" + word + "'" + where + suggestion;
  }

  /** Hands every command the environment it runs in. */
  private static final class EnvironmentFactory implements CommandLine.IFactory {
    private final CliEnvironment env;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    EnvironmentFactory(CliEnvironment env) {
      this.env = env;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      K instance = fallback.create(cls);
      if (instance instanceof EnvironmentAware aware) {
        aware.environment(env);
      }
      return instance;
    }
  }
}
