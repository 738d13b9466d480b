package io.threescaledoctor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Setting;
import io.threescaledoctor.core.engine.CheckRegistry;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code 3scale-doctor checks}: every check the doctor knows, by hop. */
@Command(
    name = "checks",
    description = {
      "List every check: its id, the hop it tests, the endpoints it probes, and what it verifies.",
      "Endpoint checks run once per endpoint the profile names, as ENDPOINT.ID (api.tcp.connect).",
      "Checks from plugin jars (THREESCALE_DOCTOR_CLASSPATH or the launcher's --plugin-path DIR)"
          + " are listed too, with the extensions.ID.NAME settings they read and the application"
          + " dependency they report on beside the chain."
    })
public final class ChecksCommand implements Callable<Integer>, DoctorSubcommand {
  @Spec CommandSpec spec;

  @Mixin TextOrJson output;

  @Override
  public Integer call() throws Exception {
    List<Check> checks =
        CheckRegistry.standard().all().stream()
            .sorted(Comparator.comparingInt((Check c) -> c.hop().ordinal()))
            .toList();
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ArrayNode array = mapper.createArrayNode();
      for (Check c : checks) {
        ObjectNode n = array.addObject();
        n.put("id", c.id());
        n.put("hop", c.hop().id());
        ArrayNode endpoints = n.putArray("endpoints");
        c.endpoints().stream().sorted().forEach(e -> endpoints.add(e.id()));
        n.put("description", c.description());
        ArrayNode deps = n.putArray("dependsOn");
        c.dependsOn().forEach(deps::add);
        if (!c.settings().isEmpty()) {
          ArrayNode settings = n.putArray("settings");
          for (Setting setting : c.settings()) {
            settings
                .addObject()
                .put("key", setting.key())
                .put("kind", setting.kind().name().toLowerCase())
                .put("required", setting.required())
                .put("description", setting.description());
          }
        }
        c.dependency().ifPresent(d -> n.put("dependency", d.id()));
      }
      out.println(mapper.writeValueAsString(array));
    } else {
      int width = checks.stream().mapToInt(c -> c.id().length()).max().orElse(10) + 2;
      List<Check> perEndpoint = checks.stream().filter(c -> !c.endpoints().isEmpty()).toList();
      if (!perEndpoint.isEmpty()) {
        out.printf(
            "%nper endpoint  (run as ENDPOINT.ID; the hop follows the endpoint:"
                + " api -> api, gateway -> client-gateway, backend and admin -> 3scale)%n");
        for (Check c : perEndpoint) {
          out.printf(
              "  %-" + width + "s%s [%s]%n",
              c.id(),
              c.description(),
              c.endpoints().stream().sorted().map(Endpoint::id).collect(Collectors.joining(", ")));
          extras(out, c, width);
        }
      }
      Hop current = null;
      for (Check c : checks) {
        if (!c.endpoints().isEmpty()) {
          continue;
        }
        if (c.hop() != current) {
          current = c.hop();
          out.printf("%n%s  (%s) %s%n", current.id(), current.guideSection(), current.question());
        }
        out.printf("  %-" + width + "s%s%n", c.id(), c.description());
        extras(out, c, width);
      }
      out.printf("%n%d checks.%n", checks.size());
    }
    out.flush();
    return 0;
  }

  /** What a check of one's own adds: the dependency it reports on and the settings it reads. */
  private static void extras(PrintWriter out, Check c, int width) {
    String indent = " ".repeat(width + 2);
    c.dependency()
        .ifPresent(
            d ->
                out.printf(
                    "%sapplication dependency %s (%s), beside the chain%n",
                    indent, d.id(), d.description()));
    for (Setting s : c.settings()) {
      out.printf(
          "%s%s  %s%s: %s%n",
          indent,
          s.key(),
          s.kind().name().toLowerCase(),
          s.required() ? ", required" : "",
          s.description());
    }
  }
}
