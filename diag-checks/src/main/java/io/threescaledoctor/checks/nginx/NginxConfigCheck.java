package io.threescaledoctor.checks.nginx;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.profile.Profile;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code gateway.config}: lints the gateway's nginx configuration ({@code gateway.nginxConf},
 * includes followed) for the guide's traps, and reports the worst finding at the hop it puts at
 * risk, with every finding's file:line as evidence.
 */
public final class NginxConfigCheck implements Check {
  private static final int FINDINGS_SHOWN = 10;

  @Override
  public String id() {
    return "gateway.config";
  }

  @Override
  public Hop hop() {
    return Hop.GATEWAY;
  }

  @Override
  public String description() {
    return "The gateway's nginx.conf has a resolver where names are resolved at run time, no"
        + " names frozen at start, underscores_in_headers where credentials need it, sane proxy"
        + " timeouts";
  }

  @Override
  public Optional<String> missingInput(Profile profile) {
    String conf = profile.gateway().nginxConf();
    return conf == null || conf.isBlank() ? Optional.of("gateway.nginxConf") : Optional.empty();
  }

  @Override
  public CheckResult run(CheckContext context) {
    Path file = Path.of(context.profile().gateway().nginxConf());
    NginxConfigParser.Parsed parsed;
    try {
      parsed = NginxConfigParser.parse(file);
    } catch (NginxConfigException e) {
      return CheckResult.fail("nginx would not accept this configuration: " + e.getMessage())
          .withEvidence("file", file)
          .withReproduce("nginx -t -c " + file);
    }
    List<NginxFinding> findings =
        NginxConfigLinter.forProfile(context.profile()).lint(parsed.directives()).stream()
            .sorted(Comparator.comparingInt((NginxFinding f) -> -f.status().severity()))
            .toList();
    Optional<NginxFinding> worst =
        findings.stream().max(Comparator.comparingInt((NginxFinding f) -> f.status().severity()));
    CheckResult result;
    if (worst.isEmpty()) {
      result =
          CheckResult.pass("no known trap in " + parsed.files().size() + " file(s) from " + file);
    } else {
      NginxFinding f = worst.get();
      long fails = findings.stream().filter(x -> x.status() == Status.FAIL).count();
      result =
          CheckResult.of(f.status(), f.where() + ": " + f.message())
              .withCause(f.issue())
              .withHop(f.hop())
              .withEvidence("fails", fails)
              .withEvidence("warnings", findings.size() - fails);
    }
    result = result.withEvidence("file", file).withEvidence("filesRead", parsed.files().size());
    int shown = 0;
    for (NginxFinding f : findings) {
      if (shown == FINDINGS_SHOWN) {
        result = result.withEvidence("moreFindings", findings.size() - shown);
        break;
      }
      shown++;
      result =
          result.withEvidence(
              "finding" + shown,
              f.status() + " " + f.issue() + " " + f.where() + ": " + f.message());
    }
    if (!parsed.notes().isEmpty()) {
      result = result.withEvidence("notes", String.join("; ", parsed.notes()));
    }
    return result.withReproduce("nginx -T -c " + file).withFacts(findings);
  }
}
