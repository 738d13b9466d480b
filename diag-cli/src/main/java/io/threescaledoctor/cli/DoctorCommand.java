package io.threescaledoctor.cli;

import io.threescaledoctor.core.report.ToolInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: prints usage; the work is in the subcommands. */
@Command(
    name = "3scale-doctor",
    mixinStandardHelpOptions = true,
    versionProvider = DoctorCommand.Version.class,
    sortOptions = false,
    description = {
      "Finds where a 3scale API integration breaks: which hop fails, why, the evidence, and what"
          + " to do.",
      "",
      "Start with '3scale-doctor run --config profile.yaml'; see '3scale-doctor COMMAND --help'."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no check failed (warnings allowed)",
      "1:at least one check failed",
      "2:bad input (usage, profile, URL)",
      "3:the doctor itself broke",
      "4:inconclusive: nothing failed, but a check that mattered could not run"
    },
    footerHeading = "%nPlugins:%n",
    footer = {
      "Checks of your own (a jar with META-INF/services/io.threescaledoctor.core.check.Check)"
          + " join 'checks', 'run' and the shell from the class path; the launcher adds them:",
      "  THREESCALE_DOCTOR_CLASSPATH=myapp-checks.jar 3scale-doctor checks",
      "  3scale-doctor run --plugin-path DIR -c profile.yaml   (every jar in DIR)",
      "Without the launcher:",
      "  java -cp 3scale-doctor.jar:myapp-checks.jar io.threescaledoctor.cli.Main ...",
      "Their settings go under extensions.ID.NAME in the profile, or in --set."
    })
public final class DoctorCommand implements Runnable {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reports the version built into the jar. */
  public static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {ToolInfo.NAME + " " + ToolInfo.version()};
    }
  }
}
