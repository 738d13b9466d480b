package io.threescaledoctor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threescaledoctor.checks.dns.DnsResolveCheck;
import io.threescaledoctor.checks.tcp.TcpConnectCheck;
import io.threescaledoctor.checks.tls.CertificateInfo;
import io.threescaledoctor.checks.tls.Pem;
import io.threescaledoctor.checks.tls.TlsHandshakeCheck;
import io.threescaledoctor.checks.tls.TlsSession;
import io.threescaledoctor.checks.tls.TrustMaterial;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.report.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code 3scale-doctor cert save|show}: the guide's certificate workflow (§2.7): save the chain a
 * server presents as PEM (to trust it with {@code SSL_CERT_FILE} or {@code --ca-file}), and show
 * what a PEM file holds.
 */
@Command(
    name = "cert",
    description = {"Save the certificate chain a server presents, or show a PEM file."},
    subcommands = {CertCommand.Save.class, CertCommand.Show.class})
public final class CertCommand implements Runnable, DoctorSubcommand {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code cert save HOST[:PORT] [--out FILE]}. */
  @Command(
      name = "save",
      sortOptions = false,
      description = {
        "Connect to HOST[:PORT] (default 443), shake hands whatever the chain is, and write the"
            + " presented certificates as PEM to FILE (or standard output). Check them before"
            + " trusting them: 3scale-doctor cert show FILE.",
        "",
        "Example:",
        "  3scale-doctor cert save portal.example.com --out portal.pem",
        "  SSL_CERT_FILE=portal.pem 3scale-doctor run -c profile.yaml",
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:saved", "1:no chain could be obtained", "2:bad input"})
  public static final class Save implements Callable<Integer>, EnvironmentAware {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST[:PORT]")
    String target;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the PEM chain here.")
    Path out;

    @Option(names = "--servername", paramLabel = "NAME", description = "SNI name to send.")
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
              List.of(new DnsResolveCheck(), new TcpConnectCheck(), new TlsHandshakeCheck()),
              env);
      Optional<TlsSession> session =
          d.result("api.tls.handshake").flatMap(r -> r.facts(TlsSession.class));
      if (session.isEmpty() || session.get().chain().isEmpty()) {
        outputOptions.writeSingleTarget(d, "cert save " + target, spec.commandLine(), env);
        return d.count(io.threescaledoctor.core.check.Status.FAIL) > 0
            ? ExitCode.FAILING
            : ExitCode.INCONCLUSIVE;
      }
      List<X509Certificate> chain = session.get().chain();
      String pem = Pem.encode(chain);
      PrintWriter stdout = spec.commandLine().getOut();
      if (out == null) {
        stdout.print(pem);
        stdout.flush();
        return ExitCode.OK;
      }
      try {
        Files.writeString(out, pem, StandardCharsets.US_ASCII);
      } catch (NoSuchFileException | java.nio.file.AccessDeniedException e) {
        throw new BadInputException("--out " + out + ": cannot write there");
      }
      if (outputOptions.json() && !outputOptions.quiet()) {
        ObjectNode n = CertFormat.json(chain);
        n.put("savedTo", out.toString());
        stdout.println(CertFormat.MAPPER.writeValueAsString(n));
      } else {
        stdout.printf(
            "saved %d certificate(s) from %s:%d to %s%n",
            chain.size(), session.get().host(), session.get().port(), out);
        if (!outputOptions.quiet()) {
          CertFormat.text(chain, stdout);
        }
      }
      stdout.flush();
      return ExitCode.OK;
    }
  }

  /** {@code cert show FILE}. */
  @Command(
      name = "show",
      description = {
        "Print what a PEM file holds: subject, issuer, SANs, validity, key,"
            + " signature algorithm and SHA-256 fingerprint of each certificate."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:shown", "2:unreadable file or no certificate in it"})
  public static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Mixin TextOrJson output;

    @Override
    public Integer call() throws Exception {
      boolean json = output.json();
      List<X509Certificate> chain;
      try {
        chain = TrustMaterial.readPem(file);
      } catch (NoSuchFileException e) {
        throw new BadInputException(file + ": no such file");
      } catch (IOException e) {
        throw new BadInputException(file + ": not a readable PEM file (" + e.getMessage() + ")");
      }
      if (chain.isEmpty()) {
        throw new BadInputException(file + ": no PEM certificate in the file");
      }
      PrintWriter stdout = spec.commandLine().getOut();
      if (json) {
        stdout.println(CertFormat.MAPPER.writeValueAsString(CertFormat.json(chain)));
      } else {
        CertFormat.text(chain, stdout);
      }
      stdout.flush();
      return ExitCode.OK;
    }
  }

  /** How a chain is printed, shared by save and show. */
  static final class CertFormat {
    static final ObjectMapper MAPPER =
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CertFormat() {}

    static ObjectNode json(List<X509Certificate> chain) {
      ObjectNode root = MAPPER.createObjectNode();
      ArrayNode certs = root.putArray("certificates");
      for (X509Certificate c : chain) {
        ObjectNode n = certs.addObject();
        CertificateInfo.describe(c).forEach(n::put);
        n.put("selfSigned", CertificateInfo.selfSigned(c));
      }
      return root;
    }

    static void text(List<X509Certificate> chain, PrintWriter out) {
      for (int i = 0; i < chain.size(); i++) {
        out.printf("certificate %d%n", i);
        for (Map.Entry<String, String> e : CertificateInfo.describe(chain.get(i)).entrySet()) {
          out.printf("  %-19s %s%n", e.getKey(), e.getValue());
        }
      }
    }
  }
}
