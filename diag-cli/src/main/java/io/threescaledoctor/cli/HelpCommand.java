package io.threescaledoctor.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code 3scale-doctor help [COMMAND...]} and {@code help --man}. */
@Command(
    name = "help",
    sortOptions = false,
    description = {
      "Show the usage of the doctor or of one command, or print the manual page.",
      "",
      "Examples:",
      "  3scale-doctor help run",
      "  3scale-doctor help remote add",
      "  3scale-doctor help --man > 3scale-doctor.1 && man ./3scale-doctor.1",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:shown", "2:no such command"})
public final class HelpCommand implements Callable<Integer>, DoctorSubcommand, EnvironmentAware {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "COMMAND",
      arity = "0..*",
      completionCandidates = Candidates.Verbs.class,
      description = "A command, and a subcommand of it (remote add).")
  List<String> command = new ArrayList<>();

  @Option(
      names = "--man",
      description = "Print the manual page of every command (troff, for man -l or groff -man).")
  boolean man;

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
    if (man) {
      out.print(ManPage.of(root));
      out.flush();
      return 0;
    }
    CommandLine target = root;
    for (String name : command) {
      CommandLine sub = target.getSubcommands().get(name);
      if (sub == null) {
        throw new BadInputException(
            "help "
                + String.join(" ", command)
                + ": no such command"
                + Suggestions.didYouMean(name, target.getSubcommands().keySet()));
      }
      target = sub;
    }
    target.usage(out);
    out.flush();
    return 0;
  }
}
