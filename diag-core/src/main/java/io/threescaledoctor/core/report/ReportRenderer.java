package io.threescaledoctor.core.report;

import io.threescaledoctor.core.diagnosis.Diagnosis;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Formats a {@link Diagnosis}; renderers never decide health, they only show it. Every format masks
 * secrets once more on its way out. Renderers are immutable and may be shared between threads.
 */
public interface ReportRenderer {
  void render(Diagnosis diagnosis, Writer out) throws IOException;

  /** The report as a string. */
  default String render(Diagnosis diagnosis) {
    StringWriter out = new StringWriter();
    try {
      render(diagnosis, out);
    } catch (IOException e) {
      throw new UncheckedIOException("a StringWriter cannot fail", e);
    }
    return out.toString();
  }

  /** Writes the report to {@code out} as UTF-8; {@code out} is flushed, not closed. */
  default void render(Diagnosis diagnosis, OutputStream out) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    render(diagnosis, writer);
    writer.flush();
  }

  /** Writes the report to {@code file} as UTF-8, replacing what it held. */
  default void render(Diagnosis diagnosis, Path file) throws IOException {
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      render(diagnosis, writer);
    }
  }
}
