package io.threescaledoctor.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.diagnosis.DependencyReport;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.diagnosis.HopReport;
import io.threescaledoctor.core.diagnosis.OtherFailure;
import java.io.IOException;
import java.io.Writer;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The JSON report of the design's contract, {@code schemaVersion} {@value #SCHEMA_VERSION}: the
 * machine-readable form of a {@link Diagnosis}. The JSON Schema it follows ships in this jar at
 * {@value #SCHEMA_RESOURCE}; field names never change within a schema version.
 */
public final class JsonReportRenderer implements ReportRenderer {
  /** The value of {@code schemaVersion} this renderer writes. */
  public static final int SCHEMA_VERSION = 1;

  /** Class-path location of the JSON Schema of this report. */
  public static final String SCHEMA_RESOURCE = "/schema/report-v1.schema.json";

  // A generator, not an ObjectMapper: setting one up costs a short command (logs, connect) a
  // tenth of its start-up, and the tree needs none to be written.
  private static final JsonFactory JSON =
      new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  @Override
  public void render(Diagnosis d, Writer out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      write(g, toTree(d));
    }
    out.write(System.lineSeparator());
    out.flush();
  }

  /** The tree as an ObjectMapper with {@code INDENT_OUTPUT} writes it. */
  private static void write(JsonGenerator g, JsonNode n) throws IOException {
    switch (n.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject();
        for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) n::fields) {
          g.writeFieldName(field.getKey());
          write(g, field.getValue());
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (JsonNode item : n) {
          write(g, item);
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString(n.textValue());
      case BOOLEAN -> g.writeBoolean(n.booleanValue());
      case NULL -> g.writeNull();
      case NUMBER -> {
        if (n.isIntegralNumber()) {
          g.writeNumber(n.bigIntegerValue());
        } else {
          g.writeNumber(n.decimalValue());
        }
      }
      default -> throw new IllegalStateException("no JSON for a " + n.getNodeType() + " node");
    }
  }

  /** The report as a tree, for embedders that want to add to it. */
  public ObjectNode toTree(Diagnosis unmasked) {
    Diagnosis d = Masking.again(unmasked);
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    ObjectNode tool = root.putObject("tool");
    tool.put("name", ToolInfo.NAME);
    tool.put("version", ToolInfo.version());
    root.put("startedAt", d.startedAt().truncatedTo(ChronoUnit.SECONDS).toString());
    root.put("durationMs", d.durationMillis());
    root.put("vantage", d.vantage().id());
    root.put("vantageInferredFrom", d.vantageInferredFrom());
    ArrayNode results = root.putArray("results");
    for (CheckResult r : d.results()) {
      ObjectNode n = results.addObject();
      n.put("id", r.id());
      n.put("hop", r.hop().id());
      n.put("status", r.status().name());
      n.put("summary", r.summary());
      ObjectNode evidence = n.putObject("evidence");
      r.evidence().forEach(evidence::put);
      n.put("cause", r.cause().orElse(null));
      n.put("remedy", r.remedy().orElse(null));
      n.put("reference", r.reference().orElse(null));
      n.put("durationMs", r.durationMillis());
      n.put("reproduce", r.reproduce().orElse(null));
      r.dependency().ifPresent(dep -> n.put("dependency", dep.id()));
      ArrayNode findings = n.putArray("findings");
      for (CheckResult.Finding f : r.findings()) {
        ObjectNode fn = findings.addObject();
        fn.put("status", f.status().name());
        fn.put("cause", f.cause());
        fn.put("summary", f.summary());
      }
    }
    ArrayNode hops = root.putArray("hops");
    for (HopReport h : d.hops()) {
      ObjectNode n = hops.addObject();
      n.put("id", h.hop().id());
      n.put("status", h.status().name());
      n.put("tested", h.tested());
    }
    // Present only when checks of application dependencies ran, so a run of the chain alone keeps
    // exactly the fields it always had.
    if (!d.dependencies().isEmpty()) {
      ArrayNode dependencies = root.putArray("dependencies");
      for (DependencyReport r : d.dependencies()) {
        ObjectNode n = dependencies.addObject();
        n.put("id", r.dependency().id());
        n.put("description", r.dependency().description());
        n.put("beside", r.beside().id());
        n.put("status", r.status().name());
      }
    }
    ObjectNode diagnosis = root.putObject("diagnosis");
    diagnosis.put("status", d.status().name());
    diagnosis.put(
        "likelyFailurePoint",
        Optional.ofNullable(d.likelyFailurePoint()).map(h -> h.id()).orElse(null));
    diagnosis.put("cause", d.cause());
    diagnosis.put("explanation", d.explanation());
    ArrayNode others = diagnosis.putArray("otherFailures");
    for (OtherFailure o : d.otherFailures()) {
      ObjectNode n = others.addObject();
      n.put("hop", o.hop().id());
      n.put("cause", o.cause());
      n.put("check", o.checkId());
      n.put("summary", o.summary());
    }
    ArrayNode steps = diagnosis.putArray("nextSteps");
    d.nextSteps().forEach(steps::add);
    List<String> failing = Chain.failingDependencies(d);
    if (!failing.isEmpty()) {
      ArrayNode ids = diagnosis.putArray("failingDependencies");
      failing.forEach(ids::add);
    }
    return root;
  }
}
