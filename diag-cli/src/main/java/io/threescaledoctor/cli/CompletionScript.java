package io.threescaledoctor.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes the bash and zsh completion scripts from the command model, so every verb, option and
 * value the model names completes, verbs added later too. Values come from each argument's
 * completion candidates ({@link Candidates}): written into the script, or for {@link
 * Candidates.Live} ones asked of {@code 3scale-doctor completion --values NAME} when TAB is
 * pressed; path-like arguments complete file names.
 *
 * <p>The script works on bash 4+ and, through {@code bashcompinit}, on zsh. It reads words with
 * {@code ${COMP_WORDS[@]:i:1}}, which counts from 0 in both shells, and rejoins what bash splits at
 * {@code =} and {@code :} ({@code --format=json}, {@code host:443}).
 */
final class CompletionScript {
  private static final String FUNCTION = "_3scale_doctor";

  private CompletionScript() {}

  static String bash(CommandLine root) {
    Map<String, CommandSpec> commands = new LinkedHashMap<>();
    collect(root, "", commands);
    StringBuilder sb = new StringBuilder();
    sb.append(
        """
        # 3scale-doctor completion for bash (and zsh through bashcompinit).
        # Written by '3scale-doctor completion bash' from the command model; load it with
        #   source <(3scale-doctor completion bash)

        """);
    sb.append(FUNCTION).append("_subcommands() {\n  case \"$1\" in\n");
    commands.forEach(
        (path, spec) -> {
          List<String> subs = new ArrayList<>();
          spec.subcommands()
              .forEach(
                  (name, sub) -> {
                    if (!sub.getCommandSpec().usageMessage().hidden()) {
                      subs.add(name);
                    }
                  });
          if (!subs.isEmpty()) {
            sb.append("    ").append(quote(path)).append(") echo ").append(words(subs));
            sb.append(" ;;\n");
          }
        });
    sb.append("  esac\n}\n\n");

    sb.append(FUNCTION).append("_options() {\n  case \"$1\" in\n");
    commands.forEach(
        (path, spec) -> {
          List<String> names = new ArrayList<>();
          for (OptionSpec o : spec.options()) {
            if (!o.hidden()) {
              names.addAll(List.of(o.names()));
            }
          }
          sb.append("    ").append(quote(path)).append(") echo ").append(words(names));
          sb.append(" ;;\n");
        });
    sb.append("  esac\n}\n\n");

    sb.append(
        """
        # What the option $2 (or the positional parameter number $2) of command $1 takes:
        # "w WORDS", "f" (file names), "l NAME" (asked of the program), "n" (a value, no help), or
        # nothing when it takes no value.
        """);
    sb.append(FUNCTION).append("_values() {\n  case \"$1|$2\" in\n");
    commands.forEach(
        (path, spec) -> {
          for (OptionSpec o : spec.options()) {
            if (o.arity().max() > 0) {
              StringJoiner keys = new StringJoiner("|");
              for (String name : o.names()) {
                keys.add(quote(path + "|" + name));
              }
              sb.append("    ").append(keys).append(") echo ").append(values(o)).append(" ;;\n");
            }
          }
          for (PositionalParamSpec p : spec.positionalParameters()) {
            String kind = values(p);
            int from = p.index().min();
            int to = Math.min(p.index().max(), from + 8);
            for (int i = from; i <= to; i++) {
              sb.append("    ").append(quote(path + "|" + i)).append(") echo ").append(kind);
              sb.append(" ;;\n");
            }
          }
        });
    sb.append("  esac\n}\n\n");

    sb.append(
        """
        _3scale_doctor_reply() {
          local kind="${1%% *}" rest="${1#* }" extra="$2" candidates
          case "$kind" in
            w) candidates="$rest $extra" ;;
            l) candidates="$("${COMP_WORDS[@]:0:1}" completion --values "$rest" 2>/dev/null) $extra" ;;
            f) COMPREPLY=($(compgen -f -- "$cur"))
               type compopt >/dev/null 2>&1 && compopt -o filenames 2>/dev/null
               return 0 ;;
            *) candidates="$extra" ;;
          esac
          COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
          if [ "${#COMPREPLY[@]}" -eq 1 ] && [[ "${COMPREPLY[@]:0:1}" == *= ]]; then
            type compopt >/dev/null 2>&1 && compopt -o nospace 2>/dev/null
          fi
          return 0
        }

        _3scale_doctor() {
          # "verb" is the verb path so far ("remote add"); zsh ties "path" to PATH.
          local cur="${COMP_WORDS[@]:$COMP_CWORD:1}" verb="" pos=0 i=1 w next spec opt=""
          COMPREPLY=()
          while [ "$i" -lt "$COMP_CWORD" ]; do
            w="${COMP_WORDS[@]:$i:1}"
            next="${COMP_WORDS[@]:$((i + 1)):1}"
            if [ "$w" = "=" ] || [ "$w" = ":" ]; then
              i=$((i + 2)); continue
            fi
            if [ "$next" = "=" ] || [ "$next" = ":" ]; then
              # a word bash split at = or : (--format=json, host:443) is one word here
              case "$w" in -*) i=$((i + 3)); continue ;; esac
            fi
            case "$w" in
              -*)
                spec="$(_3scale_doctor_values "$verb" "$w")"
                if [ -n "$spec" ]; then i=$((i + 2)); continue; fi ;;
              *)
                if [ "$pos" -eq 0 ] && [[ " $(_3scale_doctor_subcommands "$verb") " == *" $w "* ]]; then
                  verb="${verb:+$verb }$w"
                else
                  pos=$((pos + 1))
                fi ;;
            esac
            i=$((i + 1))
          done
          local prev="${COMP_WORDS[@]:$((COMP_CWORD - 1)):1}"
          if [ "$cur" = "=" ]; then
            opt="$prev"; cur=""
          elif [ "$prev" = "=" ]; then
            opt="${COMP_WORDS[@]:$((COMP_CWORD - 2)):1}"
          elif [[ "$prev" == -* ]] && [ "$COMP_CWORD" -gt 1 ]; then
            opt="$prev"
          fi
          if [ -n "$opt" ]; then
            spec="$(_3scale_doctor_values "$verb" "$opt")"
            if [ -n "$spec" ]; then _3scale_doctor_reply "$spec" ""; return 0; fi
          fi
          if [[ "$cur" == -* ]]; then
            COMPREPLY=($(compgen -W "$(_3scale_doctor_options "$verb")" -- "$cur"))
            return 0
          fi
          local subcommands=""
          [ "$pos" -eq 0 ] && subcommands="$(_3scale_doctor_subcommands "$verb")"
          _3scale_doctor_reply "$(_3scale_doctor_values "$verb" "$pos")" "$subcommands"
        }

        complete -F _3scale_doctor 3scale-doctor
        """);
    return sb.toString();
  }

  /** The bash script behind zsh's bash-compatible completion. */
  static String zsh(CommandLine root) {
    return """
        # 3scale-doctor completion for zsh. Written by '3scale-doctor completion zsh'; load it with
        #   source <(3scale-doctor completion zsh)
        (( $+functions[compdef] )) || { autoload -U +X compinit && compinit }
        (( $+functions[complete] )) || { autoload -U +X bashcompinit && bashcompinit }

        """
        + bash(root);
  }

  /** Every command of the tree by its path ("", "remote", "remote add"), aliases left out. */
  private static void collect(CommandLine cl, String path, Map<String, CommandSpec> into) {
    into.put(path, cl.getCommandSpec());
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (sub.getCommandSpec().name().equals(name)) {
                collect(sub, path.isEmpty() ? name : path + " " + name, into);
              }
            });
  }

  private static String values(ArgSpec arg) {
    Iterable<String> candidates = arg.completionCandidates();
    if (candidates instanceof Candidates.Live live) {
      return quote("l " + live.name());
    }
    if (candidates != null) {
      List<String> all = new ArrayList<>();
      candidates.forEach(all::add);
      return quote("w " + String.join(" ", all));
    }
    if (Candidates.isPath(arg)) {
      return "f";
    }
    return "n";
  }

  private static String words(List<String> words) {
    return quote(String.join(" ", words));
  }

  /** A word in single quotes for the shell; candidates never hold a quote. */
  private static String quote(String s) {
    if (s.indexOf('\'') >= 0) {
      throw new IllegalStateException("a completion word holds a quote: " + s);
    }
    return "'" + s + "'";
  }
}
