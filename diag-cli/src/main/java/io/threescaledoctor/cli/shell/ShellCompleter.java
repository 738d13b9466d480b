package io.threescaledoctor.cli.shell;

import io.threescaledoctor.checks.threescale.BackendErrorCatalog;
import io.threescaledoctor.checks.threescale.BackendErrorCode;
import io.threescaledoctor.cli.Candidates;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.engine.CheckRegistry;
import io.threescaledoctor.core.engine.Checklist;
import io.threescaledoctor.core.engine.PlannedCheck;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileKeys;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jline.builtins.Completers.FileNameCompleter;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * TAB completion from the command tree itself: command names, then the options of the command
 * typed, then values by what they mean: check ids, hop and endpoint ids for {@code --only} and
 * {@code --skip}, hops for {@code --from}, profile keys for {@code set}, {@code unset}, {@code
 * show} and {@code --set}, known-issue ids and 3scale error codes for {@code explain}, files for
 * paths, and any option's own completion candidates.
 */
final class ShellCompleter implements Completer {
  private static final List<String> SELECTOR_OPTIONS = List.of("--only", "--skip");
  private static final List<String> KEY_COMMANDS = List.of("set", "unset", "show");

  private final CommandLine root;
  private final Session session;
  private final BooleanSupplier answering;
  private final Completer files = new FileNameCompleter();

  ShellCompleter(CommandLine root, Session session, BooleanSupplier answering) {
    this.root = root;
    this.session = session;
    this.answering = answering;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    if (answering.getAsBoolean()) {
      return;
    }
    List<String> words = line.words();
    int index = line.wordIndex();
    int first = !words.isEmpty() && words.get(0).equals("3scale-doctor") ? 1 : 0;
    if (index <= first) {
      root.getSubcommands()
          .forEach(
              (name, sub) ->
                  candidates.add(
                      new Candidate(
                          name, name, null, firstLine(sub.getCommandSpec()), null, null, true)));
      candidates.add(new Candidate("exit", "exit", null, "leave the shell", null, null, true));
      return;
    }
    CommandLine command = root.getSubcommands().get(words.get(first));
    if (command == null) {
      return;
    }
    int i = first + 1;
    while (i < index && command.getSubcommands().containsKey(words.get(i))) {
      command = command.getSubcommands().get(words.get(i++));
    }
    CommandSpec spec = command.getCommandSpec();
    String previous = words.get(index - 1);
    OptionSpec valueOf = previous.startsWith("-") ? spec.findOption(previous) : null;
    if (valueOf != null && valueOf.arity().max() > 0) {
      values(reader, line, valueOf, candidates);
      return;
    }
    String word = line.word();
    if (word.startsWith("-")) {
      for (OptionSpec o : spec.options()) {
        if (o.hidden()) {
          continue;
        }
        for (String name : o.names()) {
          candidates.add(
              new Candidate(name, name, null, firstLine(o.description()), null, null, true));
        }
      }
      return;
    }
    command
        .getSubcommands()
        .forEach(
            (name, sub) ->
                candidates.add(
                    new Candidate(
                        name, name, null, firstLine(sub.getCommandSpec()), null, null, true)));
    int position = positionalIndex(spec, words, i, index);
    String name = spec.name();
    if (KEY_COMMANDS.contains(name) && (position == 0 || !name.equals("set"))) {
      profileKeys(candidates, "");
    } else if (name.equals("set") && position == 1) {
      valueHints(words.get(index - 1), candidates);
    } else if (name.equals("help")) {
      root.getSubcommands().keySet().forEach(n -> candidates.add(plain(n)));
    } else if (name.equals("explain")) {
      issueIds(candidates);
      for (BackendErrorCode code : BackendErrorCatalog.standard().all()) {
        candidates.add(
            new Candidate(
                code.code(),
                code.code(),
                "3scale error codes",
                code.status() + " " + code.meaning(),
                null,
                null,
                true));
      }
    } else {
      spec.positionalParameters().stream()
          .filter(p -> p.index().contains(position))
          .findFirst()
          .ifPresent(p -> values(reader, line, p, candidates));
    }
  }

  private void values(LineReader reader, ParsedLine line, ArgSpec arg, List<Candidate> out) {
    String name = arg instanceof OptionSpec o ? o.longestName() : "";
    if (SELECTOR_OPTIONS.contains(name)) {
      checkIds(out);
      hopIds(out);
      for (Endpoint e : Endpoint.values()) {
        out.add(new Candidate(e.id(), e.id(), "endpoints", null, null, null, true));
      }
    } else if (name.equals("--from") || arg.paramLabel().equals("HOP")) {
      hopIds(out);
    } else if (name.equals("--set")) {
      profileKeys(out, "=");
    } else if (arg.completionCandidates() != null) {
      arg.completionCandidates().forEach(c -> out.add(plain(c)));
    } else if (Candidates.isPath(arg)) {
      files.complete(reader, line, out);
    }
  }

  /** Which positional parameter the word at {@code index} is, skipping options and values. */
  private static int positionalIndex(CommandSpec spec, List<String> words, int from, int index) {
    int position = 0;
    for (int i = from; i < index; i++) {
      String w = words.get(i);
      if (w.startsWith("-")) {
        OptionSpec o = spec.findOption(w.contains("=") ? w.substring(0, w.indexOf('=')) : w);
        if (o != null && o.arity().max() > 0 && !w.contains("=")) {
          i++;
        }
      } else {
        position++;
      }
    }
    return position;
  }

  private static void profileKeys(List<Candidate> out, String suffix) {
    for (ProfileKeys.Key k : ProfileKeys.all()) {
      out.add(
          new Candidate(
              k.name() + suffix,
              k.name(),
              "profile keys",
              k.secret() ? "secret, shown masked" : null,
              null,
              null,
              suffix.isEmpty()));
    }
  }

  /** For {@code set KEY <TAB>}: the key's allowed values, or its current value to edit. */
  private void valueHints(String key, List<Candidate> out) {
    Class<?> type = valueType(key);
    if (type != null && type.isEnum()) {
      for (Object constant : type.getEnumConstants()) {
        out.add(plain(((Enum<?>) constant).name().toLowerCase()));
      }
    } else if (type == Boolean.class || type == boolean.class) {
      out.add(plain("true"));
      out.add(plain("false"));
    } else if (ProfileKeys.find(key).filter(k -> !k.secret()).isPresent()) {
      String current = session.values().get(key);
      if (current != null) {
        out.add(new Candidate(current, current, null, "current value", null, null, true));
      }
    }
  }

  private static Class<?> valueType(String key) {
    String[] parts = key.split("\\.");
    for (RecordComponent section : Profile.class.getRecordComponents()) {
      if (!section.getName().equals(parts[0])) {
        continue;
      }
      if (parts.length == 1) {
        return section.getType();
      }
      if (section.getType().isRecord()) {
        for (RecordComponent field : section.getType().getRecordComponents()) {
          if (field.getName().equals(parts[1])) {
            return field.getType();
          }
        }
      }
    }
    return null;
  }

  private void checkIds(List<Candidate> out) {
    Map<String, String> ids = new LinkedHashMap<>();
    CheckRegistry registry = session.checks();
    for (Check c : registry.all()) {
      ids.put(c.id(), c.description());
    }
    try {
      for (PlannedCheck p : Checklist.build(registry, session.profile()).planned()) {
        ids.putIfAbsent(p.id(), p.check().description());
      }
    } catch (RuntimeException profileWithoutChecks) {
      // Completion offers the plain ids then; the run itself will report the problem.
    }
    ids.forEach(
        (id, description) ->
            out.add(new Candidate(id, id, "checks", description, null, null, true)));
  }

  private static void hopIds(List<Candidate> out) {
    for (Hop h : Hop.values()) {
      out.add(
          new Candidate(
              h.id(), h.id(), "hops", h.guideSection() + " " + h.question(), null, null, true));
    }
  }

  private static void issueIds(List<Candidate> out) {
    for (KnownIssue k : KnownIssueCatalog.standard().all()) {
      out.add(new Candidate(k.id(), k.id(), "known issues", k.title(), null, null, true));
    }
  }

  private static Candidate plain(String value) {
    return new Candidate(value, value, null, null, null, null, true);
  }

  private static String firstLine(CommandSpec spec) {
    return firstLine(spec.usageMessage().description());
  }

  private static String firstLine(String[] description) {
    return description == null || description.length == 0 ? null : description[0];
  }
}
