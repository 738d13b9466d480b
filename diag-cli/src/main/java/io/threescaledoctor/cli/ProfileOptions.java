package io.threescaledoctor.cli;

import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileException;
import io.threescaledoctor.core.profile.ProfileLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The profile and the flags that override its keys. Precedence: flag, then {@code --set}, then the
 * file, then defaults. {@code SSL_CERT_FILE} fills {@code tls.caFile} when nothing else does, as
 * the 3scale toolbox does.
 */
public final class ProfileOptions implements EnvironmentAware {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "Profile (YAML) describing the setup. Without it, flags alone describe it.")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      completionCandidates = Candidates.ProfileKeysToSet.class,
      description = "Override any profile key, e.g. --set timeouts.read=10s. Repeatable.")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--gateway",
      paramLabel = "URL",
      description = "Gateway public base URL (gateway.url).")
  String gatewayUrl;

  @Option(names = "--api", paramLabel = "URL", description = "API private base URL (api.url).")
  String apiUrl;

  @Option(
      names = "--backend",
      paramLabel = "URL",
      description =
          "3scale Service Management API (threescale.backend; default "
              + Profile.DEFAULT_BACKEND
              + ").")
  String backend;

  @Option(
      names = "--admin",
      paramLabel = "URL|REMOTE",
      completionCandidates = Candidates.RemoteNames.class,
      description =
          "Admin portal: a remote name or https://TOKEN@tenant-admin.example.com"
              + " (threescale.admin).")
  String admin;

  @Option(names = "--service-id", paramLabel = "ID", description = "threescale.serviceId.")
  String serviceId;

  @Option(
      names = "--service-token",
      paramLabel = "TOKEN",
      description = "threescale.serviceToken. Prefer ${VAR} in the profile: flags show in ps.")
  String serviceToken;

  @Option(names = "--provider-key", paramLabel = "KEY", description = "threescale.providerKey.")
  String providerKey;

  @Option(names = "--user-key", paramLabel = "KEY", description = "credentials.userKey.")
  String userKey;

  @Option(names = "--app-id", paramLabel = "ID", description = "credentials.appId.")
  String appId;

  @Option(names = "--app-key", paramLabel = "KEY", description = "credentials.appKey.")
  String appKey;

  @Option(
      names = "--access-token",
      paramLabel = "TOKEN",
      description = "credentials.accessToken (OAuth).")
  String accessToken;

  @Option(names = "--method", paramLabel = "METHOD", description = "client.method (default GET).")
  String method;

  @Option(names = "--path", paramLabel = "PATH", description = "client.path (default /).")
  String path;

  @Option(
      names = "--vantage",
      paramLabel = "client|gateway",
      completionCandidates = Candidates.Vantages.class,
      description = "Where the doctor runs (vantage): client (default) or gateway host.")
  String vantage;

  @Option(names = "--error-log", paramLabel = "FILE", description = "gateway.errorLog.")
  String errorLog;

  @Option(names = "--access-log", paramLabel = "FILE", description = "gateway.accessLog.")
  String accessLog;

  @Option(names = "--nginx-conf", paramLabel = "FILE", description = "gateway.nginxConf.")
  String nginxConf;

  @Option(
      names = "--resolver",
      paramLabel = "IP[:PORT]",
      split = ",",
      description = "DNS resolvers to use (dns.resolvers), like the gateway's resolver directive.")
  List<String> resolvers;

  @Option(
      names = "--resolve",
      paramLabel = "NAME:IP",
      split = ",",
      description = "Pin a name to an address, like curl --resolve (network.resolve).")
  List<String> resolve;

  @Option(
      names = "--proxy",
      paramLabel = "URL",
      description = "Reach targets through this HTTP proxy with CONNECT (network.proxy).")
  String proxy;

  @Option(
      names = "--ca-file",
      paramLabel = "PEM",
      description = "Extra trusted CAs (tls.caFile); default $SSL_CERT_FILE.")
  String caFile;

  @Option(
      names = {"-k", "--insecure"},
      description = "Do not verify certificates; still report what was presented.")
  boolean insecure;

  @Option(
      names = "--report-usage",
      description = "Use authrep, which reports usage to 3scale, instead of authorize.")
  boolean reportUsage;

  @Option(
      names = "--connect-timeout",
      paramLabel = "DURATION",
      description = "timeouts.connect (default 3s).")
  String connectTimeout;

  @Option(
      names = "--read-timeout",
      paramLabel = "DURATION",
      description = "timeouts.read (default 5s).")
  String readTimeout;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "Deadline for the whole run, timeouts.total (default 30s).")
  String totalTimeout;

  private CliEnvironment env;

  @Override
  public void environment(CliEnvironment env) {
    this.env = env;
  }

  /** The overrides these flags make, in the order they apply. */
  public Map<String, String> overrides() {
    Map<String, String> o = new LinkedHashMap<>();
    for (String s : sets) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new BadInputException("--set " + s + ": expected KEY=VALUE");
      }
      o.put(s.substring(0, eq).trim(), s.substring(eq + 1));
    }
    put(o, "gateway.url", gatewayUrl);
    put(o, "api.url", apiUrl);
    put(o, "threescale.backend", backend);
    put(o, "threescale.admin", admin);
    put(o, "threescale.serviceId", serviceId);
    put(o, "threescale.serviceToken", serviceToken);
    put(o, "threescale.providerKey", providerKey);
    put(o, "credentials.userKey", userKey);
    put(o, "credentials.appId", appId);
    put(o, "credentials.appKey", appKey);
    put(o, "credentials.accessToken", accessToken);
    put(o, "client.method", method);
    put(o, "client.path", path);
    put(o, "vantage", vantage);
    put(o, "gateway.errorLog", errorLog);
    put(o, "gateway.accessLog", accessLog);
    put(o, "gateway.nginxConf", nginxConf);
    put(o, "dns.resolvers", resolvers == null ? null : String.join(",", resolvers));
    put(o, "network.resolve", resolve == null ? null : String.join(",", resolve));
    put(o, "network.proxy", proxy);
    put(o, "tls.caFile", caFile);
    put(o, "tls.insecure", insecure ? "true" : null);
    put(o, "threescale.reportUsage", reportUsage ? "true" : null);
    put(o, "timeouts.connect", connectTimeout);
    put(o, "timeouts.read", readTimeout);
    put(o, "timeouts.total", totalTimeout);
    return o;
  }

  private static void put(Map<String, String> o, String key, String value) {
    if (value != null) {
      o.put(key, value);
    }
  }

  /** The profile file given with {@code --config}, or null. */
  public Path configFile() {
    return config;
  }

  /**
   * Loads the profile these options describe. Inside the shell, the session's file and keys come
   * first and these flags apply over them.
   */
  public Profile load() throws ProfileException {
    ProfileLoader loader = new ProfileLoader(env == null ? System::getenv : env::variable);
    Map<String, String> overrides = new LinkedHashMap<>();
    Path config = this.config;
    CommandSession session = env == null ? null : env.session();
    if (session != null) {
      config = config == null ? session.profileFile() : config;
      overrides.putAll(session.profileOverrides());
    }
    overrides.putAll(overrides());
    Profile profile =
        config == null ? loader.fromOverrides(overrides) : loader.load(config, overrides);
    String certFile = env == null ? null : env.variable("SSL_CERT_FILE");
    if (profile.tls().caFile() == null && certFile != null && !certFile.isBlank()) {
      profile = profile.withTlsCaFile(certFile);
      overrides.put("tls.caFile", certFile);
    }
    String admin = profile.threescale().admin();
    if (admin != null && !admin.isBlank() && profile.threescale().adminUrl().isEmpty()) {
      // threescale.admin names a 3scale toolbox remote: use its URL (with its token) instead.
      overrides.put(
          "threescale.admin",
          RemoteCommand.resolve(admin.trim(), env == null ? System.getenv() : env.variables()));
      profile = config == null ? loader.fromOverrides(overrides) : loader.load(config, overrides);
    }
    return profile;
  }
}
