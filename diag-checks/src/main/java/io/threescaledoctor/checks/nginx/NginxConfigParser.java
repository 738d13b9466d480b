package io.threescaledoctor.checks.nginx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads an nginx configuration into a tree of {@link NginxDirective}s, following {@code include}
 * (globs too) relative to the main file's directory as nginx does. Included directives take the
 * place of the {@code include}, keeping their own file and line.
 */
public final class NginxConfigParser {
  private static final int MAX_INCLUDE_DEPTH = 16;

  private final Path base;
  private final List<Path> filesRead = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private NginxConfigParser(Path base) {
    this.base = base;
  }

  /** The parsed configuration and what was read on the way. */
  public record Parsed(List<NginxDirective> directives, List<Path> files, List<String> notes) {}

  public static Parsed parse(Path mainFile) throws NginxConfigException {
    Path abs = mainFile.toAbsolutePath().normalize();
    NginxConfigParser p = new NginxConfigParser(abs.getParent());
    List<NginxDirective> top = p.file(abs, 0);
    return new Parsed(top, List.copyOf(p.filesRead), List.copyOf(p.notes));
  }

  private List<NginxDirective> file(Path file, int depth) throws NginxConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new NginxConfigException(file + ": no such file");
    } catch (java.nio.charset.MalformedInputException e) {
      try {
        text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      } catch (IOException io) {
        throw new NginxConfigException(file + ": cannot read (" + io.getMessage() + ")");
      }
    } catch (IOException e) {
      throw new NginxConfigException(file + ": cannot read (" + e.getMessage() + ")");
    }
    filesRead.add(file);
    Tokens tokens = new Tokens(file, text);
    List<NginxDirective> out = block(tokens, depth, false);
    return out;
  }

  private List<NginxDirective> block(Tokens t, int depth, boolean nested)
      throws NginxConfigException {
    List<NginxDirective> out = new ArrayList<>();
    List<String> words = new ArrayList<>();
    int line = -1;
    while (true) {
      Token tok = t.next();
      if (tok == null) {
        if (nested) {
          throw new NginxConfigException(
              t.file + ":" + t.line + ": unexpected end of file," + " expecting \"}\"");
        }
        if (!words.isEmpty()) {
          throw new NginxConfigException(
              t.file + ":" + line + ": \"" + words.get(0) + "\" is not terminated by \";\"");
        }
        return out;
      }
      switch (tok.kind) {
        case WORD -> {
          if (words.isEmpty()) {
            line = tok.line;
          }
          words.add(tok.text);
        }
        case SEMICOLON -> {
          if (words.isEmpty()) {
            throw new NginxConfigException(t.file + ":" + tok.line + ": unexpected \";\"");
          }
          NginxDirective d =
              new NginxDirective(
                  words.get(0), List.copyOf(words.subList(1, words.size())), t.file, line, null);
          if (d.name().equals("include")) {
            out.addAll(include(d, depth));
          } else {
            out.add(d);
          }
          words.clear();
        }
        case OPEN -> {
          if (words.isEmpty()) {
            throw new NginxConfigException(t.file + ":" + tok.line + ": unexpected \"{\"");
          }
          int at = line;
          String name = words.get(0);
          List<String> args = List.copyOf(words.subList(1, words.size()));
          words.clear();
          List<NginxDirective> children = block(t, depth, true);
          out.add(new NginxDirective(name, args, t.file, at, List.copyOf(children)));
        }
        case CLOSE -> {
          if (!nested) {
            throw new NginxConfigException(t.file + ":" + tok.line + ": unexpected \"}\"");
          }
          if (!words.isEmpty()) {
            throw new NginxConfigException(
                t.file + ":" + line + ": \"" + words.get(0) + "\" is not terminated by \";\"");
          }
          return out;
        }
        default -> throw new IllegalStateException(tok.kind.name());
      }
    }
  }

  private List<NginxDirective> include(NginxDirective d, int depth) throws NginxConfigException {
    if (depth >= MAX_INCLUDE_DEPTH) {
      throw new NginxConfigException(
          d.where() + ": includes nested deeper than " + MAX_INCLUDE_DEPTH + " (a cycle?)");
    }
    String pattern = d.arg(0);
    Path target = base.resolve(pattern).normalize();
    List<Path> files = new ArrayList<>();
    if (pattern.chars().anyMatch(c -> c == '*' || c == '?' || c == '[')) {
      Path dir = target.getParent();
      PathMatcher glob =
          FileSystems.getDefault().getPathMatcher("glob:" + target.getFileName().toString());
      if (Files.isDirectory(dir)) {
        try (Stream<Path> list = Files.list(dir)) {
          list.filter(p -> glob.matches(p.getFileName()) && Files.isRegularFile(p))
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          throw new NginxConfigException(d.where() + ": cannot list " + dir);
        }
      }
      if (files.isEmpty()) {
        notes.add(d.where() + ": include " + pattern + " matches no file");
      }
    } else if (Files.isRegularFile(target)) {
      files.add(target);
    } else {
      throw new NginxConfigException(
          d.where()
              + ": include "
              + pattern
              + ": "
              + target
              + " does not exist (nginx would not start)");
    }
    List<NginxDirective> out = new ArrayList<>();
    for (Path f : files) {
      out.addAll(file(f, depth + 1));
    }
    return out;
  }

  private enum Kind {
    WORD,
    SEMICOLON,
    OPEN,
    CLOSE
  }

  private record Token(Kind kind, String text, int line) {}

  /** nginx's lexer: words, quoted strings, {@code ; { }}, and {@code #} comments. */
  private static final class Tokens {
    final Path file;
    final String s;
    int i;
    int line = 1;

    Tokens(Path file, String s) {
      this.file = file;
      this.s = s;
    }

    Token next() throws NginxConfigException {
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '\n') {
          line++;
          i++;
        } else if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '#') {
          while (i < s.length() && s.charAt(i) != '\n') {
            i++;
          }
        } else {
          break;
        }
      }
      if (i >= s.length()) {
        return null;
      }
      char c = s.charAt(i);
      int at = line;
      switch (c) {
        case ';' -> {
          i++;
          return new Token(Kind.SEMICOLON, ";", at);
        }
        case '{' -> {
          i++;
          return new Token(Kind.OPEN, "{", at);
        }
        case '}' -> {
          i++;
          return new Token(Kind.CLOSE, "}", at);
        }
        case '"', '\'' -> {
          StringBuilder sb = new StringBuilder();
          i++;
          while (i < s.length() && s.charAt(i) != c) {
            char x = s.charAt(i);
            if (x == '\\' && i + 1 < s.length()) {
              x = s.charAt(++i);
            }
            if (x == '\n') {
              line++;
            }
            sb.append(x);
            i++;
          }
          if (i >= s.length()) {
            throw new NginxConfigException(file + ":" + at + ": unterminated quoted string");
          }
          i++;
          return new Token(Kind.WORD, sb.toString(), at);
        }
        default -> {
          StringBuilder sb = new StringBuilder();
          while (i < s.length()) {
            char x = s.charAt(i);
            if (Character.isWhitespace(x) || x == ';' || x == '{' || x == '}') {
              // "${var}" keeps its braces inside a word
              if (x == '{' && sb.length() > 0 && sb.charAt(sb.length() - 1) == '$') {
                sb.append(x);
                i++;
                continue;
              }
              if (x == '}' && sb.lastIndexOf("${") > sb.lastIndexOf("}")) {
                sb.append(x);
                i++;
                continue;
              }
              break;
            }
            if (x == '\\' && i + 1 < s.length()) {
              sb.append(x);
              x = s.charAt(++i);
            }
            sb.append(x);
            i++;
          }
          return new Token(Kind.WORD, sb.toString(), at);
        }
      }
    }
  }
}
