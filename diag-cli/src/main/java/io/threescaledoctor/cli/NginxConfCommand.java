package io.threescaledoctor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threescaledoctor.checks.nginx.GatewayRoutes;
import io.threescaledoctor.checks.nginx.NginxConfigException;
import io.threescaledoctor.checks.nginx.NginxConfigLinter;
import io.threescaledoctor.checks.nginx.NginxConfigParser;
import io.threescaledoctor.checks.nginx.NginxFinding;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.report.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code 3scale-doctor nginx-conf FILE}: the guide's configuration traps, each at file:line. */
@Command(
    name = "nginx-conf",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Lint an nginx / OpenResty gateway configuration, following include (globs too, relative"
          + " to FILE's directory):",
      "  * proxy_pass with a variable host and no resolver (dns-no-resolver, FAIL), or a literal"
          + " host name resolved only at start (WARN);",
      "  * the 3scale backend or the API in an upstream block, resolved once at start"
          + " (dns-stale-address, WARN; use a variable with a resolver, guide 4.1.2);",
      "  * underscores_in_headers off while credentials travel in headers with underscores"
          + " (--set credentials.in=header; underscores-in-headers-disabled, FAIL);",
      "  * proxy timeouts left at nginx's 60 s default or very long; lua_code_cache off (WARN).",
      "Each finding is at the hop the configuration gives its upstream, and the report lists"
          + " the upstreams with that hop and the line that says so: proxy_pass in the location"
          + " auth_request calls, or to /transactions/*.xml, is gateway-3scale; the main"
          + " location's proxy_pass or upstream block (and its servers) is gateway-api; set"
          + " variables are followed. 'logs --nginx-conf' places log lines the same way.",
      "Offline: nothing is resolved or connected to.",
      "Without FILE, the profile's gateway.nginxConf is read.",
      "",
      "Examples:",
      "  3scale-doctor nginx-conf /etc/nginx/nginx.conf",
      "  3scale-doctor nginx-conf nginx.conf --backend https://su1.3scale.net --set"
          + " credentials.in=header --user-key K --format json",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no FAIL finding (warnings allowed)",
      "1:at least one FAIL finding",
      "2:bad input (unreadable or unparsable file, bad option)",
      "3:the doctor itself broke"
    })
public final class NginxConfCommand implements Callable<Integer>, DoctorSubcommand {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "0..1", description = "The main nginx.conf.")
  Path file;

  @Mixin TextOrJson output;

  @Mixin ProfileOptions profileOptions;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws Exception {
    boolean json = output.json();
    Profile profile = profileOptions.load();
    Path conf = file;
    if (conf == null) {
      String configured = profile.gateway().nginxConf();
      if (configured == null || configured.isBlank()) {
        throw new BadInputException("name the nginx.conf FILE, or set gateway.nginxConf");
      }
      conf = Path.of(configured);
    }
    NginxConfigParser.Parsed parsed;
    try {
      parsed = NginxConfigParser.parse(conf);
    } catch (NginxConfigException e) {
      throw new BadInputException(e.getMessage());
    }
    GatewayRoutes routes = GatewayRoutes.of(parsed.directives());
    List<NginxFinding> findings =
        NginxConfigLinter.forProfile(profile).lint(parsed.directives()).stream()
            .sorted(Comparator.comparingInt((NginxFinding f) -> -f.status().severity()))
            .toList();
    KnownIssueCatalog issues = KnownIssueCatalog.standard().forSetup(profile);
    PrintWriter out = spec.commandLine().getOut();
    if (verbosity.quiet()) {
      out.println(verdict(conf, parsed, findings));
    } else if (json) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode root = mapper.createObjectNode();
      root.put("schemaVersion", 1);
      root.put("kind", "nginx-conf");
      ArrayNode files = root.putArray("files");
      parsed.files().forEach(f -> files.add(f.toString()));
      ArrayNode list = root.putArray("findings");
      for (NginxFinding f : findings) {
        ObjectNode n = list.addObject();
        n.put("status", f.status().name());
        n.put("cause", f.issue());
        n.put("hop", f.hop().id());
        n.put("where", f.where());
        n.put("message", f.message());
        n.put("remedy", remedy(issues, f));
        n.put("reference", reference(f));
      }
      ArrayNode upstreams = root.putArray("upstreams");
      for (GatewayRoutes.Upstream u : routes.upstreams()) {
        ObjectNode n = upstreams.addObject();
        n.put("hop", u.hop().id());
        n.put("upstream", u.authority());
        n.put("where", u.where());
        n.put("why", u.why());
      }
      ArrayNode resolvers = root.putArray("resolvers");
      for (GatewayRoutes.Resolver r : routes.resolvers()) {
        resolvers.addObject().put("address", r.address()).put("where", r.where());
      }
      ArrayNode notes = root.putArray("notes");
      parsed.notes().forEach(notes::add);
      routes.notes().forEach(notes::add);
      out.println(mapper.writeValueAsString(root));
    } else {
      out.printf(
          "%d file%s read from %s%n",
          parsed.files().size(), parsed.files().size() == 1 ? "" : "s", conf);
      if (findings.isEmpty()) {
        out.println();
        out.println("No known trap found.");
      }
      for (NginxFinding f : findings) {
        out.println();
        out.printf("%s  %-15s %s%n", f.status(), f.hop().id(), f.issue());
        out.printf("      %s%n", f.where());
        out.printf("      %s%n", f.message());
        if (verbosity.verbose() && remedy(issues, f) != null) {
          out.printf("      -> %s (guide %s)%n", remedy(issues, f), reference(f));
        }
      }
      if (!routes.upstreams().isEmpty() || !routes.resolvers().isEmpty()) {
        out.println();
        out.println("Upstreams, by hop:");
        for (GatewayRoutes.Upstream u : routes.upstreams()) {
          out.printf("  %-15s %-30s %s: %s%n", u.hop().id(), u.authority(), u.where(), u.why());
        }
        for (GatewayRoutes.Resolver r : routes.resolvers()) {
          out.printf("  %-15s %-30s %s%n", "resolver", r.address(), r.where());
        }
      }
      List<String> notes = new java.util.ArrayList<>(parsed.notes());
      notes.addAll(routes.notes());
      if (!notes.isEmpty()) {
        out.println();
        out.println("Notes:");
        notes.forEach(n -> out.printf("  - %s%n", n));
      }
    }
    out.flush();
    return findings.stream().anyMatch(f -> f.status() == Status.FAIL)
        ? ExitCode.FAILING
        : ExitCode.OK;
  }

  /**
   * {@code FAIL nginx-conf FILE: 1 FAIL, 1 WARN: dns-no-resolver at nginx.conf:12 (and 1 more)}.
   */
  private static String verdict(
      Path conf, NginxConfigParser.Parsed parsed, List<NginxFinding> findings) {
    String target = "nginx-conf " + conf;
    if (findings.isEmpty()) {
      return "OK    "
          + target
          + ": no known trap in "
          + parsed.files().size()
          + " file"
          + (parsed.files().size() == 1 ? "" : "s");
    }
    long fails = findings.stream().filter(f -> f.status() == Status.FAIL).count();
    NginxFinding first = findings.get(0);
    return (fails > 0 ? "FAIL  " : "WARN  ")
        + target
        + ": "
        + (fails > 0 ? fails + " FAIL, " : "")
        + (findings.size() - fails)
        + " WARN: "
        + first.issue()
        + " at "
        + first.where()
        + (findings.size() > 1 ? " (and " + (findings.size() - 1) + " more)" : "");
  }

  private static String reference(NginxFinding f) {
    return KnownIssueCatalog.standard().find(f.issue()).map(KnownIssue::reference).orElse(null);
  }

  private static String remedy(KnownIssueCatalog issues, NginxFinding f) {
    return issues.find(f.issue()).map(KnownIssue::remedy).orElse(null);
  }
}
