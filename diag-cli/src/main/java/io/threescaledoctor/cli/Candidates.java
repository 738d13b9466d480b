package io.threescaledoctor.cli;

import io.threescaledoctor.checks.threescale.BackendErrorCatalog;
import io.threescaledoctor.checks.threescale.Remote;
import io.threescaledoctor.checks.threescale.RemotesFile;
import io.threescaledoctor.cli.demo.DemoFault;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.engine.CheckRegistry;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileKeys;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/**
 * The values options and parameters take, as picocli completion candidates: the shell's TAB and the
 * {@code completion} scripts both read them from the command model, so a verb that names its
 * candidates here completes everywhere without further code.
 */
public final class Candidates {
  private Candidates() {}

  /** Whether an argument names a file, by its type or its label: its values are file names. */
  public static boolean isPath(ArgSpec arg) {
    Class<?> type = arg.type();
    return Path.class.isAssignableFrom(type)
        || File.class.isAssignableFrom(type)
        || arg.paramLabel().contains("FILE")
        || arg.paramLabel().contains("PEM");
  }

  /**
   * Candidates read when TAB is pressed rather than when a completion script is written (the
   * remotes in the toolbox's file change; the known issues do not). A script asks {@code
   * 3scale-doctor completion --values NAME} for them.
   */
  interface Live extends Iterable<String> {
    String name();
  }

  /** Every profile key, followed by {@code =}, for {@code --set}. */
  static final class ProfileKeysToSet implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return ProfileKeys.names().stream().map(k -> k + "=").iterator();
    }
  }

  static final class Vantages implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Profile.Vantage.values()).map(Profile.Vantage::id).iterator();
    }
  }

  /**
   * What {@code --only} and {@code --skip} select: check ids, endpoint-bound ones per endpoint
   * ({@code api.tcp.connect}), hops and endpoints.
   */
  static final class CheckSelectors implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      Set<String> all = new LinkedHashSet<>();
      for (Check c : CheckRegistry.standard().all()) {
        all.add(c.id());
        c.endpoints().forEach(e -> all.add(e.id() + "." + c.id()));
      }
      Arrays.stream(Hop.values()).map(Hop::id).forEach(all::add);
      Arrays.stream(Endpoint.values()).map(Endpoint::id).forEach(all::add);
      return all.iterator();
    }
  }

  /** What {@code explain} explains: known-issue ids, 3scale error codes and HTTP statuses. */
  static final class ExplainCodes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      Set<String> all = new LinkedHashSet<>();
      KnownIssueCatalog.standard().all().stream().map(KnownIssue::id).forEach(all::add);
      BackendErrorCatalog.standard().all().forEach(c -> all.add(c.code()));
      ExplainList.statuses().keySet().forEach(s -> all.add(Integer.toString(s)));
      return all.iterator();
    }
  }

  static final class Faults implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(DemoFault.values()).map(DemoFault::id).iterator();
    }
  }

  static final class RecordTypes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("A", "AAAA", "CNAME", "ANY").iterator();
    }
  }

  static final class Shells implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("bash", "zsh").iterator();
    }
  }

  /** The verbs installed, by the names they register under; no verb is built to list them. */
  static final class Verbs implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      List<String> names = new ArrayList<>();
      ServiceLoader.load(DoctorSubcommand.class, Candidates.class.getClassLoader()).stream()
          .map(p -> p.type().getAnnotation(CommandLine.Command.class))
          .forEach(
              c -> {
                names.add(c.name());
                names.addAll(List.of(c.aliases()));
              });
      return names.iterator();
    }
  }

  /** The remotes of the 3scale toolbox's file, as they are when TAB is pressed. */
  static final class RemoteNames implements Live, EnvironmentAware {
    private Map<String, String> variables = System.getenv();

    @Override
    public void environment(CliEnvironment env) {
      this.variables = env.variables();
    }

    @Override
    public String name() {
      return "remotes";
    }

    @Override
    public Iterator<String> iterator() {
      try {
        return new RemotesFile(RemotesFile.defaultLocation(variables))
            .read().stream().map(Remote::name).iterator();
      } catch (IOException | RuntimeException unreadable) {
        // Completion offers nothing then; the command itself says what is wrong with the file.
        return List.<String>of().iterator();
      }
    }
  }
}
