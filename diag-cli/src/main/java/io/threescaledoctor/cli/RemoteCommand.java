package io.threescaledoctor.cli;

import io.threescaledoctor.checks.threescale.Remote;
import io.threescaledoctor.checks.threescale.RemotesFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code 3scale-doctor remote}: the 3scale toolbox's remotes, in the same file and format, so an
 * engineer's existing remotes work in {@code --admin NAME} and {@code threescale.admin: NAME}.
 */
@Command(
    name = "remote",
    description = {
      "Manage remotes (named 3scale admin portals with their access tokens), shared with the"
          + " 3scale toolbox: the same file (~/.3scalerc.yaml, or $THREESCALE_CLI_CONFIG, or"
          + " --config-file) and the same format.",
      "A profile's threescale.admin (or --admin) may name a remote. Tokens are always masked"
          + " when printed.",
    },
    subcommands = {
      RemoteCommand.ListRemotes.class,
      RemoteCommand.AddRemote.class,
      RemoteCommand.RemoveRemote.class,
      RemoteCommand.RenameRemote.class
    })
public final class RemoteCommand implements Callable<Integer>, DoctorSubcommand, EnvironmentAware {
  @Spec CommandSpec spec;

  @Option(
      names = "--config-file",
      paramLabel = "FILE",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description =
          "The toolbox configuration file (default $THREESCALE_CLI_CONFIG or"
              + " ~/.3scalerc.yaml).")
  Path configFile;

  private CliEnvironment env;

  @Override
  public void environment(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    return list(spec.commandLine().getOut());
  }

  RemotesFile file() {
    Path path =
        configFile != null
            ? configFile
            : RemotesFile.defaultLocation(env == null ? System.getenv() : env.variables());
    return new RemotesFile(path);
  }

  int list(PrintWriter out) throws IOException {
    List<Remote> remotes = read(file());
    if (remotes.isEmpty()) {
      out.println("Empty remote list.");
    }
    for (Remote r : remotes) {
      out.println(r.name() + " " + r.maskedUrl());
    }
    out.flush();
    return 0;
  }

  private static List<Remote> read(RemotesFile file) throws IOException {
    try {
      return file.read();
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  /**
   * Resolves a remote name to its {@code https://TOKEN@host} URL, for {@code threescale.admin}.
   *
   * @throws BadInputException when the remote does not exist or the file is unreadable
   */
  static String resolve(String name, Map<String, String> environment) {
    RemotesFile file = new RemotesFile(RemotesFile.defaultLocation(environment));
    try {
      return read(file).stream()
          .filter(r -> r.name().equals(name))
          .findFirst()
          .map(Remote::adminUrl)
          .orElseThrow(
              () ->
                  new BadInputException(
                      "threescale.admin: remote '"
                          + name
                          + "' not found in "
                          + file.path()
                          + " (see 3scale-doctor remote list)"));
    } catch (IOException e) {
      throw new BadInputException(
          "threescale.admin: cannot read " + file.path() + ": " + e.getMessage());
    }
  }

  private abstract static class Sub implements Callable<Integer> {
    @ParentCommand RemoteCommand parent;
    @Spec CommandSpec spec;

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    int done(String line) {
      out().println(line);
      out().flush();
      return 0;
    }
  }

  @Command(name = "list", description = "List the remotes: name and masked URL.")
  static final class ListRemotes extends Sub {
    @Override
    public Integer call() throws IOException {
      return parent.list(out());
    }
  }

  @Command(
      name = "add",
      description = {
        "Add a remote.",
        "Example: 3scale-doctor remote add prod https://TOKEN@tenant-admin.example.com"
      })
  static final class AddRemote extends Sub {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "URL", description = "http[s]://ACCESS_TOKEN@ADMIN_HOST")
    String url;

    @Override
    public Integer call() throws IOException {
      RemotesFile file = parent.file();
      try {
        Remote remote = Remote.fromUrl(name, url);
        file.add(remote);
        return done("Added remote " + remote + " to " + file.path());
      } catch (IllegalArgumentException e) {
        throw new BadInputException(e.getMessage());
      }
    }
  }

  @Command(name = "remove", description = "Remove a remote.")
  static final class RemoveRemote extends Sub {
    @Parameters(
        index = "0",
        paramLabel = "NAME",
        completionCandidates = Candidates.RemoteNames.class)
    String name;

    @Override
    public Integer call() throws IOException {
      RemotesFile file = parent.file();
      try {
        file.remove(name);
        return done("Removed remote " + name + " from " + file.path());
      } catch (IllegalArgumentException e) {
        throw new BadInputException(e.getMessage());
      }
    }
  }

  @Command(name = "rename", description = "Rename a remote.")
  static final class RenameRemote extends Sub {
    @Parameters(
        index = "0",
        paramLabel = "OLD",
        completionCandidates = Candidates.RemoteNames.class)
    String oldName;

    @Parameters(index = "1", paramLabel = "NEW")
    String newName;

    @Override
    public Integer call() throws IOException {
      RemotesFile file = parent.file();
      try {
        file.rename(oldName, newName);
        return done("Renamed remote " + oldName + " to " + newName);
      } catch (IllegalArgumentException e) {
        throw new BadInputException(e.getMessage());
      }
    }
  }
}
