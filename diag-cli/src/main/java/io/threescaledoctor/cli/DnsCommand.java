package io.threescaledoctor.cli;

import io.threescaledoctor.checks.dns.DnsResolveCheck;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.report.ExitCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.xbill.DNS.Type;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code 3scale-doctor dns NAME [@RESOLVER[:PORT]]}: the dns.resolve check, like dig. */
@Command(
    name = "dns",
    sortOptions = false,
    description = {
      "Resolve a name the way the doctor's dns.resolve check does: every answer with its TTL,"
          + " the CNAME chain, every address, and NXDOMAIN, SERVFAIL, an empty answer or an"
          + " unreachable resolver told apart. Several resolvers (--resolver a,b) are compared.",
      "",
      "Examples:",
      "  3scale-doctor dns su1.3scale.net",
      "  3scale-doctor dns api.example.com @10.0.0.2 --type ANY",
      "  3scale-doctor dns backend.internal --resolver 10.0.0.2,10.0.0.3 --format json",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:resolved (warnings allowed)", "1:the name does not resolve", "2:bad input"})
public final class DnsCommand implements Callable<Integer>, DoctorSubcommand, EnvironmentAware {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The name to resolve.")
  String name;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "@RESOLVER[:PORT]",
      description = "Ask this resolver (like dig @RESOLVER); default: the system's.")
  String resolver;

  @Option(
      names = "--type",
      paramLabel = "A|AAAA|CNAME|ANY",
      completionCandidates = Candidates.RecordTypes.class,
      description = "Record type to ask for (default A and AAAA).")
  String type;

  @Mixin ProfileOptions profileOptions;

  @Mixin OutputOptions outputOptions;

  private CliEnvironment env;

  @Override
  public void environment(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    outputOptions.validate();
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("api.url", NetworkVerbs.url("http", name, 80));
    if (resolver != null) {
      if (!resolver.startsWith("@")) {
        throw new BadInputException("'" + resolver + "': write the resolver as @IP[:PORT]");
      }
      keys.put("dns.resolvers", resolver.substring(1));
    }
    Diagnosis d =
        NetworkVerbs.run(profileOptions, keys, List.of(new DnsResolveCheck(types())), env);
    outputOptions.writeSingleTarget(
        d, "dns " + name + (resolver == null ? "" : " " + resolver), spec.commandLine(), env);
    return ExitCode.of(d);
  }

  private List<Integer> types() {
    if (type == null) {
      return List.of(Type.A, Type.AAAA);
    }
    return switch (type.toUpperCase(Locale.ROOT)) {
      case "A" -> List.of(Type.A);
      case "AAAA" -> List.of(Type.AAAA);
      case "CNAME" -> List.of(Type.CNAME);
      case "ANY" -> List.of(Type.ANY);
      default -> throw new BadInputException("--type " + type + ": use A, AAAA, CNAME or ANY");
    };
  }
}
