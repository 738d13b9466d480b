package io.threescaledoctor.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code 3scale-doctor completion bash|zsh}: a completion script for the shell. */
@Command(
    name = "completion",
    sortOptions = false,
    description = {
      "Print a completion script for bash or zsh: TAB then completes commands, options, profile"
          + " keys after --set, check ids and hops after --only, known-issue ids and 3scale"
          + " error codes after explain, faults after demo --fault, remote names and files.",
      "",
      "Load it in the current shell, or add the line to ~/.bashrc or ~/.zshrc:",
      "  source <(3scale-doctor completion bash)",
      "  source <(3scale-doctor completion zsh)",
      "Or install it once for every bash session:",
      "  3scale-doctor completion bash > /etc/bash_completion.d/3scale-doctor",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:script printed", "2:unknown shell"})
public final class CompletionCommand
    implements Callable<Integer>, DoctorSubcommand, EnvironmentAware {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "SHELL",
      arity = "0..1",
      completionCandidates = Candidates.Shells.class,
      description = "bash or zsh.")
  String shell;

  @Option(
      names = "--values",
      paramLabel = "NAME",
      hidden = true,
      description = "Print the live candidates NAME (the scripts ask for remotes this way).")
  String values;

  private CliEnvironment env;

  @Override
  public void environment(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    // The command line this runs in holds only this verb (see Main): build the whole tree.
    CommandLine root = Main.newCommandLine(env);
    if (values != null) {
      live(root.getCommandSpec(), values).ifPresent(l -> l.forEach(out::println));
      out.flush();
      return 0;
    }
    if (shell == null) {
      throw new BadInputException("completion: name the shell, bash or zsh");
    }
    switch (shell) {
      case "bash" -> out.print(CompletionScript.bash(root));
      case "zsh" -> out.print(CompletionScript.zsh(root));
      default -> throw new BadInputException("completion " + shell + ": use bash or zsh");
    }
    out.flush();
    return 0;
  }

  /** The live candidates called {@code name}, wherever in the tree an argument takes them. */
  private static Optional<Candidates.Live> live(CommandSpec spec, String name) {
    for (ArgSpec arg : spec.args()) {
      if (arg.completionCandidates() instanceof Candidates.Live l && l.name().equals(name)) {
        return Optional.of(l);
      }
    }
    for (CommandLine sub : spec.subcommands().values()) {
      Optional<Candidates.Live> found = live(sub.getCommandSpec(), name);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
