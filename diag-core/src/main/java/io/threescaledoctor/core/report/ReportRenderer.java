package io.threescaledoctor.core.report;

import io.threescaledoctor.core.diagnosis.Diagnosis;
import java.io.IOException;
import java.io.Writer;

/** Formats a {@link Diagnosis}; renderers never decide health, they only show it. */
public interface ReportRenderer {
  void render(Diagnosis diagnosis, Writer out) throws IOException;
}
