package io.threescaledoctor.cli;

import io.threescaledoctor.cli.demo.DemoFault;
import io.threescaledoctor.cli.demo.DemoWorld;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.engine.Checklist;
import io.threescaledoctor.core.engine.Engine;
import io.threescaledoctor.core.engine.EngineListener;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileLoader;
import io.threescaledoctor.core.report.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code 3scale-doctor demo}: a whole 3scale setup in this process, on the loopback address (a fake
 * API, a fake 3scale backend answering as apisonator does, and a gateway stand-in that authorizes
 * and proxies as APIcast does), one fault injected, and the full doctor run against it. Needs
 * nothing installed and reaches nothing outside this machine.
 */
@Command(
    name = "demo",
    sortOptions = false,
    description = {
      "Run the doctor against a demo setup it starts in this process on 127.0.0.1: a fake API,"
          + " a fake 3scale backend and a gateway stand-in that authorizes and proxies like"
          + " APIcast, with one fault injected. Nothing outside this machine is contacted.",
      "",
      "Examples:",
      "  3scale-doctor demo                      a healthy setup",
      "  3scale-doctor demo --list               the faults it can inject",
      "  3scale-doctor demo --fault limits       the application is over its limits",
      "  3scale-doctor demo --fault api-slow --format html --output report.html",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the doctor found nothing failing",
      "1:the doctor found a failure (as it should, with a fault injected)",
      "2:bad input (unknown fault, format)",
      "3:the doctor itself broke"
    })
public final class DemoCommand implements Callable<Integer>, DoctorSubcommand, EnvironmentAware {
  @Spec CommandSpec spec;

  @Mixin OutputOptions outputOptions;

  @Option(
      names = "--fault",
      paramLabel = "NAME",
      completionCandidates = Candidates.Faults.class,
      defaultValue = "none",
      description = "The fault to inject (default ${DEFAULT-VALUE}); --list names them.")
  String fault;

  @Option(names = "--list", description = "List the faults, one line each, and exit.")
  boolean list;

  @Option(
      names = "--keep",
      description =
          "Keep the demo setup running after the diagnosis,"
              + " until Enter, to explore it with 'run --config' or the shell.")
  boolean keep;

  private CliEnvironment env;

  @Override
  public void environment(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (list) {
      int width =
          Arrays.stream(DemoFault.values()).mapToInt(f -> f.id().length()).max().orElse(10) + 2;
      for (DemoFault f : DemoFault.values()) {
        out.printf(
            "%-" + width + "s%s%s%n",
            f.id(),
            f.description(),
            f.expectedHop()
                .map(h -> "  [" + h + ": " + f.expectedCause().orElse("") + "]")
                .orElse(""));
      }
      out.flush();
      return ExitCode.OK;
    }
    DemoFault chosen =
        DemoFault.byId(fault)
            .orElseThrow(
                () ->
                    new BadInputException(
                        "--fault "
                            + fault
                            + ": unknown fault (one of "
                            + Arrays.stream(DemoFault.values())
                                .map(DemoFault::id)
                                .collect(Collectors.joining(", "))
                            + ")"));
    outputOptions.validate();
    boolean machine = ReportFormats.machineReadable(outputOptions.format());
    // Machine-readable output on stdout carries nothing but the report; quiet, only its verdict.
    PrintWriter notes =
        outputOptions.quiet()
            ? new PrintWriter(Writer.nullWriter())
            : machine && outputOptions.toStdout() ? env.err() : out;
    try (DemoWorld world = DemoWorld.start(chosen, DemoWorld.Settings.fresh(), Clock.systemUTC())) {
      notes.printf("3scale-doctor demo: fault '%s' - %s%n", chosen.id(), chosen.description());
      notes.printf(
          "  API %s, 3scale backend %s, gateway %s (error log %s)%n",
          world.apiUrl(), world.backendUrl(), world.gatewayUrl(), world.errorLog());
      notes.printf("  profile: %s%n%n", world.profile());
      notes.flush();
      Profile profile = new ProfileLoader(name -> null).load(world.profile(), Map.of());
      Diagnosis diagnosis;
      try (ProgressListener progress = new ProgressListener(env.err(), System::nanoTime)) {
        diagnosis =
            Engine.builder()
                .listener(
                    ProgressListener.wanted(env, outputOptions.format(), outputOptions.quiet())
                        ? progress
                        : EngineListener.NONE)
                .build()
                .run(Checklist.build(env.checks(), profile), profile, env.cancellation());
      }
      outputOptions.write(diagnosis, profile, spec.commandLine(), env);
      notes.println();
      notes.println(verdict(chosen, diagnosis));
      notes.flush();
      if (keep) {
        // Quiet or not, whoever kept the setup running must learn how to stop it.
        PrintWriter keepNotes = outputOptions.quiet() ? env.err() : notes;
        keepNotes.printf(
            "The demo setup keeps running; try: 3scale-doctor run --config %s%n"
                + "Press Enter to stop it.%n",
            world.profile());
        keepNotes.flush();
        System.in.read();
      }
      return ExitCode.of(diagnosis);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the demo setup: " + e.getMessage(), e);
    }
  }

  /** Whether the doctor found what was injected, in one line. */
  static String verdict(DemoFault fault, Diagnosis d) {
    String found =
        d.status().name()
            + Optional.ofNullable(d.likelyFailurePoint()).map(h -> " at " + h.id()).orElse("")
            + Optional.ofNullable(d.cause()).map(c -> " (" + c + ")").orElse("");
    if (fault == DemoFault.NONE) {
      return "Injected: nothing. The doctor says: " + found + ".";
    }
    String expected =
        fault.expectedHop().orElse("?") + " (" + fault.expectedCause().orElse("?") + ")";
    boolean match =
        Optional.ofNullable(d.likelyFailurePoint()).map(h -> h.id()).equals(fault.expectedHop())
            && Optional.ofNullable(d.cause()).equals(fault.expectedCause());
    return "Injected: "
        + fault.id()
        + ", which belongs at "
        + expected
        + ". The doctor says: "
        + found
        + (match ? ". Found." : ". Not what was injected.");
  }
}
