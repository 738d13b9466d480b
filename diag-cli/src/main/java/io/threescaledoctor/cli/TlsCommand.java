package io.threescaledoctor.cli;

import io.threescaledoctor.checks.dns.DnsResolveCheck;
import io.threescaledoctor.checks.tcp.TcpConnectCheck;
import io.threescaledoctor.checks.tls.TlsCertificateCheck;
import io.threescaledoctor.checks.tls.TlsHandshakeCheck;
import io.threescaledoctor.checks.tls.TlsProtocolsCheck;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.report.ExitCode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code 3scale-doctor tls HOST[:PORT]}: handshake, certificate chain and protocol versions. */
@Command(
    name = "tls",
    sortOptions = false,
    description = {
      "Look at a TLS endpoint the way openssl s_client and testssl.sh would: the negotiated"
          + " protocol, cipher, SNI and ALPN; the presented chain (subject, issuer, SANs,"
          + " validity, key, fingerprint) judged against the JDK's CAs plus --ca-file; and"
          + " whether SSLv3 or TLS 1.0/1.1 are still accepted.",
      "",
      "Examples:",
      "  3scale-doctor tls su1.3scale.net",
      "  3scale-doctor tls gateway.internal:8443 --servername api.example.com --ca-file ca.pem",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no problem (warnings allowed)", "1:a problem was found", "2:bad input"})
public final class TlsCommand implements Callable<Integer>, DoctorSubcommand, EnvironmentAware {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "HOST[:PORT]", description = "Default port 443.")
  String target;

  @Option(
      names = "--servername",
      paramLabel = "NAME",
      description = "SNI name to send and verify (tls.servername); default HOST.")
  String servername;

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
    Map<String, String> keys = NetworkVerbs.tlsTarget(target, servername);
    Diagnosis d =
        NetworkVerbs.run(
            profileOptions,
            keys,
            List.of(
                new DnsResolveCheck(),
                new TcpConnectCheck(),
                new TlsHandshakeCheck(),
                new TlsCertificateCheck(),
                new TlsProtocolsCheck()),
            env);
    outputOptions.writeSingleTarget(d, "tls " + target, spec.commandLine(), env);
    return ExitCode.of(d);
  }
}
