package io.threescaledoctor.checks.process;

import io.threescaledoctor.checks.net.HostPort;
import io.threescaledoctor.core.profile.Profile;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What this host shows about the gateway's listening socket: which process accepts connections on
 * the gateway URL's address and port, and, when none does, which nginx is this gateway's (the one
 * holding {@code gateway.errorLog} or {@code gateway.accessLog} open, or started with {@code
 * gateway.nginxConf}) and where it listens instead. Only meaningful on the gateway's host.
 */
public final class GatewayListener {
  private final HostPort gateway;
  private final List<InetAddress> addresses;
  private final ListeningSockets sockets;
  private final List<ListeningSockets.Listener> serving;
  private final List<NginxProcesses.Proc> servingProcesses;
  private final List<NginxProcesses.Proc> nginx;
  private final List<NginxProcesses.Proc> gatewayMasters;
  private final String tiedBy;

  private GatewayListener(
      HostPort gateway,
      List<InetAddress> addresses,
      ListeningSockets sockets,
      List<ListeningSockets.Listener> serving,
      List<NginxProcesses.Proc> servingProcesses,
      List<NginxProcesses.Proc> nginx,
      List<NginxProcesses.Proc> gatewayMasters,
      String tiedBy) {
    this.gateway = gateway;
    this.addresses = addresses;
    this.sockets = sockets;
    this.serving = serving;
    this.servingProcesses = servingProcesses;
    this.nginx = nginx;
    this.gatewayMasters = gatewayMasters;
    this.tiedBy = tiedBy;
  }

  /** Why nothing accepted a connection to the gateway's port, and its known issue. */
  public record Refusal(String cause, String sentence) {}

  /**
   * @param addresses the addresses of the gateway URL's host that are this host's own
   */
  public static GatewayListener look(
      Path proc, Profile profile, HostPort gateway, List<InetAddress> addresses)
      throws IOException {
    ListeningSockets sockets = ListeningSockets.read(proc);
    List<ListeningSockets.Listener> serving =
        sockets.onPort(gateway.port()).stream()
            .filter(l -> addresses.stream().anyMatch(l::accepts))
            .toList();
    Set<Long> servingPids = new LinkedHashSet<>();
    serving.forEach(l -> servingPids.addAll(sockets.owners(l)));
    List<NginxProcesses.Proc> servingProcesses = new ArrayList<>();
    for (long pid : servingPids) {
      NginxProcesses.process(proc, pid).ifPresent(servingProcesses::add);
    }
    List<NginxProcesses.Proc> nginx = NginxProcesses.list(proc);
    List<Path> files = gatewayFiles(profile);
    List<NginxProcesses.Proc> masters = nginx.stream().filter(NginxProcesses.Proc::master).toList();
    String tiedBy = null;
    List<NginxProcesses.Proc> ours = masters;
    if (!files.isEmpty()) {
      ours = new ArrayList<>();
      for (NginxProcesses.Proc m : masters) {
        Optional<String> tie = tie(proc, profile, m, nginx, files);
        if (tie.isPresent()) {
          ours.add(m);
          tiedBy = tie.get();
        }
      }
    }
    return new GatewayListener(
        gateway, addresses, sockets, serving, servingProcesses, nginx, ours, tiedBy);
  }

  private static List<Path> gatewayFiles(Profile profile) {
    List<Path> files = new ArrayList<>();
    for (String f : new String[] {profile.gateway().errorLog(), profile.gateway().accessLog()}) {
      if (f != null && !f.isBlank() && Files.isRegularFile(Path.of(f))) {
        files.add(Path.of(f));
      }
    }
    String conf = profile.gateway().nginxConf();
    if (conf != null && !conf.isBlank() && Files.isRegularFile(Path.of(conf))) {
      files.add(Path.of(conf));
    }
    return files;
  }

  /** How {@code master} (or one of its workers) shows it is this gateway's nginx, if it does. */
  private static Optional<String> tie(
      Path proc,
      Profile profile,
      NginxProcesses.Proc master,
      List<NginxProcesses.Proc> nginx,
      List<Path> files) {
    List<NginxProcesses.Proc> family = new ArrayList<>();
    family.add(master);
    nginx.stream().filter(p -> p.ppid() == master.pid()).forEach(family::add);
    for (String key : List.of("gateway.errorLog", "gateway.accessLog")) {
      String f =
          key.equals("gateway.errorLog")
              ? profile.gateway().errorLog()
              : profile.gateway().accessLog();
      if (f == null || f.isBlank()) {
        continue;
      }
      Path file = Path.of(f);
      if (family.stream().anyMatch(p -> NginxProcesses.holdsFile(proc, p.pid(), file))) {
        return Optional.of("it has " + key + " open");
      }
    }
    String conf = profile.gateway().nginxConf();
    if (conf != null && !conf.isBlank()) {
      Path c = Path.of(conf).toAbsolutePath().normalize();
      if (master.cmdline().contains(c.toString())
          || (c.getParent() != null
              && master.cmdline().contains("-p " + c.getParent())
              && master.cmdline().contains(c.getFileName().toString()))) {
        return Optional.of("it was started with gateway.nginxConf");
      }
    }
    return Optional.empty();
  }

  /** The processes accepting connections on the gateway's address and port. */
  public List<NginxProcesses.Proc> servingProcesses() {
    return servingProcesses;
  }

  /** Whether some socket accepts connections on the gateway's address and port. */
  public boolean listening() {
    return !serving.isEmpty();
  }

  /** The sockets that do, as {@code 127.0.0.1:8080}. */
  public String servingSockets() {
    return serving.stream().map(ListeningSockets.Listener::label).collect(Collectors.joining(", "));
  }

  /** This gateway's nginx masters: tied to its files when the profile names some, else all. */
  public List<NginxProcesses.Proc> gatewayMasters() {
    return gatewayMasters;
  }

  /** Every nginx master and worker on this host. */
  public List<NginxProcesses.Proc> nginx() {
    return nginx;
  }

  /** How the masters were tied to this gateway, e.g. "it has gateway.errorLog open". */
  public Optional<String> tiedBy() {
    return Optional.ofNullable(tiedBy);
  }

  /**
   * Why a connection to the gateway's port on one of this host's addresses was refused: this
   * gateway's nginx listens somewhere else ({@code gateway-listens-elsewhere}), or no such nginx
   * runs ({@code gateway-down}). Empty when something does listen there.
   */
  public Optional<Refusal> whyRefused() {
    if (listening()) {
      return Optional.empty();
    }
    String target =
        addresses.isEmpty()
            ? gateway.authority()
            : HostPort.label(addresses.get(0), gateway.port());
    List<ListeningSockets.Listener> samePort = sockets.onPort(gateway.port());
    if (!gatewayMasters.isEmpty()) {
      Set<Long> pids = new HashSet<>();
      for (NginxProcesses.Proc m : gatewayMasters) {
        pids.add(m.pid());
        nginx.stream().filter(p -> p.ppid() == m.pid()).forEach(p -> pids.add(p.pid()));
      }
      List<String> where =
          sockets.heldBy(pids).stream().map(ListeningSockets.Listener::label).distinct().toList();
      String masters =
          gatewayMasters.stream()
              .map(m -> Long.toString(m.pid()))
              .collect(Collectors.joining(", "));
      String who =
          "nginx (master "
              + masters
              + (tiedBy == null
                  ? ""
                  : "; " + tiedBy.replace("it has", "has").replace("it was", "was"))
              + ")";
      return Optional.of(
          new Refusal(
              "gateway-listens-elsewhere",
              where.isEmpty()
                  ? who
                      + " runs, but no listening socket of it is visible, and nothing listens on "
                      + target
                  : who
                      + " runs, but listens on "
                      + String.join(", ", where)
                      + ", not on "
                      + target
                      + (samePort.isEmpty()
                          ? ""
                          : " (port "
                              + gateway.port()
                              + " is open only on "
                              + samePort.stream()
                                  .map(ListeningSockets.Listener::label)
                                  .distinct()
                                  .collect(Collectors.joining(", "))
                              + ")")));
    }
    String others =
        nginx.stream().anyMatch(NginxProcesses.Proc::master) && tiedBy == null
            ? " (nginx runs on this host, but none has the gateway's log files open)"
            : "";
    return Optional.of(
        new Refusal(
            "gateway-down",
            "nothing listens on "
                + target
                + " and no nginx of this gateway runs on this host"
                + others));
  }
}
