package io.threescaledoctor.cli;

import io.threescaledoctor.checks.dns.DnsResolveCheck;
import io.threescaledoctor.checks.tcp.TcpConnectCheck;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.report.ExitCode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code 3scale-doctor connect HOST PORT}: dns.resolve and tcp.connect, like telnet or nc. */
@Command(
    name = "connect",
    sortOptions = false,
    description = {
      "Open a TCP connection to HOST:PORT on every address HOST resolves to (IPv4 and IPv6) and"
          + " report each address's outcome and connect time, as the tcp.connect check does.",
      "",
      "Examples:",
      "  3scale-doctor connect su1.3scale.net 443",
      "  3scale-doctor connect api.internal 8080 --connect-timeout 2s --format json",
      "  3scale-doctor connect api.example.com 443 --resolve api.example.com:10.0.0.7",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every address connects (or some, with a warning)",
      "1:no address connects",
      "2:bad input"
    })
public final class ConnectCommand implements Callable<Integer>, DoctorSubcommand, EnvironmentAware {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "HOST", description = "Host name or IP address.")
  String host;

  @Parameters(index = "1", paramLabel = "PORT", description = "TCP port.")
  String port;

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
    String url = NetworkVerbs.url("http", host, NetworkVerbs.port(port));
    Diagnosis d =
        NetworkVerbs.run(
            profileOptions,
            Map.of("api.url", url),
            List.of(new DnsResolveCheck(), new TcpConnectCheck()),
            env);
    outputOptions.writeSingleTarget(d, "connect " + host + " " + port, spec.commandLine(), env);
    return ExitCode.of(d);
  }
}
