package io.threescaledoctor.core.profile;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the doctor runs, when the profile does not say: on the gateway's host if {@code
 * gateway.url} names an address of this host, or, without a usable gateway URL, if {@code
 * gateway.errorLog} or {@code gateway.nginxConf} is a file here. A gateway URL that resolves only
 * to other hosts means the client side, even with log files at hand (they are then copies). An
 * explicit {@code vantage} always wins.
 */
public final class VantageInference {
  private VantageInference() {}

  /**
   * The vantage to run with, and why when it was inferred.
   *
   * @param inferredFrom a sentence such as "gateway.url's host 127.0.0.1 is an address of this
   *     host"; null when the profile states the vantage or nothing points either way
   */
  public record Decision(Profile.Vantage vantage, String inferredFrom) {
    public Optional<String> reason() {
      return Optional.ofNullable(inferredFrom);
    }
  }

  /**
   * @param lookupBudget how long resolving the gateway's host name may take
   */
  public static Decision decide(Profile profile, Duration lookupBudget) {
    Optional<Profile.Vantage> stated = profile.statedVantage();
    if (stated.isPresent()) {
      return new Decision(stated.get(), null);
    }
    String url = profile.gateway().url();
    if (url != null && !url.isBlank()) {
      String host = hostOf(url);
      if (host != null) {
        List<InetAddress> addresses = resolve(profile, host, lookupBudget);
        Optional<InetAddress> local =
            addresses.stream().filter(LocalAddresses::isLocal).findFirst();
        if (local.isPresent()) {
          String ip = local.get().getHostAddress();
          return new Decision(
              Profile.Vantage.GATEWAY,
              "gateway.url's host "
                  + (ip.equalsIgnoreCase(host) ? host : host + " (" + ip + ")")
                  + " is an address of this host");
        }
        if (!addresses.isEmpty()) {
          return new Decision(Profile.Vantage.CLIENT, null);
        }
      }
    }
    List<String> files = new ArrayList<>();
    addIfLocal(files, "gateway.errorLog", profile.gateway().errorLog());
    addIfLocal(files, "gateway.nginxConf", profile.gateway().nginxConf());
    if (!files.isEmpty()) {
      return new Decision(Profile.Vantage.GATEWAY, String.join(" and ", files) + " on this host");
    }
    return new Decision(Profile.Vantage.CLIENT, null);
  }

  private static void addIfLocal(List<String> files, String key, String path) {
    if (path != null && !path.isBlank() && Files.isRegularFile(Path.of(path))) {
      files.add(key + " " + path + " is a file");
    }
  }

  private static String hostOf(String url) {
    try {
      String host = URI.create(url).getHost();
      if (host != null && host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      return host;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A literal, a network.resolve pin, or the system resolver within the budget. */
  private static List<InetAddress> resolve(Profile profile, String host, Duration budget) {
    if (isLiteral(host)) {
      return literal(host).map(List::of).orElse(List.of());
    }
    for (String pin : profile.network().resolveOrEmpty()) {
      int colon = pin.indexOf(':');
      if (colon > 0 && pin.substring(0, colon).equalsIgnoreCase(host)) {
        String ip = pin.substring(colon + 1).replaceFirst("^\\d+:(?=.*[.:])", "");
        return literal(ip.replace("[", "").replace("]", "")).map(List::of).orElse(List.of());
      }
    }
    CompletableFuture<List<InetAddress>> lookup =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Arrays.asList(InetAddress.getAllByName(host));
              } catch (UnknownHostException e) {
                return List.<InetAddress>of();
              }
            },
            r -> {
              Thread t = new Thread(r, "vantage-lookup");
              t.setDaemon(true);
              t.start();
            });
    try {
      return lookup.get(Math.max(1, budget.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  private static boolean isLiteral(String host) {
    return host.contains(":") || host.toLowerCase(Locale.ROOT).matches("[0-9.]+");
  }

  private static Optional<InetAddress> literal(String ip) {
    if (!isLiteral(ip)) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(ip));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
