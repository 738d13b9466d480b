package io.threescaledoctor.cli.shell;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** Shows the command word bold when the shell knows it and red while it does not. */
final class ShellHighlighter implements Highlighter {
  private final picocli.CommandLine commands;
  private final List<String> extraWords;
  private final BooleanSupplier answering;

  ShellHighlighter(
      picocli.CommandLine commands, List<String> extraWords, BooleanSupplier answering) {
    this.commands = commands;
    this.extraWords = extraWords;
    this.answering = answering;
  }

  @Override
  public AttributedString highlight(LineReader reader, String buffer) {
    if (answering.getAsBoolean()) {
      return new AttributedString(buffer);
    }
    int start = 0;
    while (start < buffer.length() && Character.isWhitespace(buffer.charAt(start))) {
      start++;
    }
    int end = start;
    while (end < buffer.length() && !Character.isWhitespace(buffer.charAt(end))) {
      end++;
    }
    String word = buffer.substring(start, end);
    AttributedStyle style;
    if (word.isEmpty() || word.startsWith("#")) {
      style = AttributedStyle.DEFAULT;
    } else if (commands.getSubcommands().containsKey(word) || extraWords.contains(word)) {
      style = AttributedStyle.BOLD;
    } else {
      style = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    }
    return new AttributedStringBuilder()
        .append(buffer.substring(0, start))
        .styled(style, word)
        .append(buffer.substring(end))
        .toAttributedString();
  }

  @Override
  public void setErrorPattern(Pattern errorPattern) {
    // Errors are reported when the line runs, not while it is typed.
  }

  @Override
  public void setErrorIndex(int errorIndex) {
    // As above.
  }
}
