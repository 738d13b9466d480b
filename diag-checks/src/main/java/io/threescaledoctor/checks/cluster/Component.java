package io.threescaledoctor.checks.cluster;

import io.threescaledoctor.core.check.Hop;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The deployment configs (or deployments) a 3scale installation is made of, as the templates and
 * the 3scale operator name them, each with the hop its failure breaks: APIcast is the gateway; the
 * backend (listener, worker, cron, redis) is 3scale's Service Management API; system and zync are
 * the admin portal's side, which the portal checks also place at {@code 3scale}.
 */
enum Component {
  APICAST_PRODUCTION("apicast-production", Hop.GATEWAY, true, true, "the production gateway"),
  APICAST_STAGING("apicast-staging", Hop.GATEWAY, true, true, "the staging gateway"),
  BACKEND_LISTENER(
      "backend-listener", Hop.THREESCALE, true, true, "3scale's Service Management API"),
  BACKEND_WORKER("backend-worker", Hop.THREESCALE, true, true, "the backend's job worker"),
  BACKEND_CRON("backend-cron", Hop.THREESCALE, true, true, "the backend's scheduler"),
  BACKEND_REDIS("backend-redis", Hop.THREESCALE, false, false, "the backend's Redis"),
  SYSTEM_APP("system-app", Hop.THREESCALE, true, false, "the admin and developer portals"),
  SYSTEM_SIDEKIQ("system-sidekiq", Hop.THREESCALE, true, true, "the portal's job queue"),
  SYSTEM_MYSQL("system-mysql", Hop.THREESCALE, false, false, "the portal's database"),
  SYSTEM_POSTGRESQL("system-postgresql", Hop.THREESCALE, false, false, "the portal's database"),
  SYSTEM_REDIS("system-redis", Hop.THREESCALE, false, false, "the portal's Redis"),
  SYSTEM_MEMCACHE("system-memcache", Hop.THREESCALE, false, false, "the portal's cache"),
  SYSTEM_SPHINX("system-sphinx", Hop.THREESCALE, false, false, "the portal's search index"),
  SYSTEM_SEARCHD("system-searchd", Hop.THREESCALE, false, false, "the portal's search index"),
  ZYNC("zync", Hop.THREESCALE, true, false, "zync, which creates the routes"),
  ZYNC_QUE("zync-que", Hop.THREESCALE, true, false, "zync's job queue"),
  ZYNC_DATABASE("zync-database", Hop.THREESCALE, false, false, "zync's database");

  /** Labels the templates and the operator put on every object of an installation. */
  static final Map<String, String> APP_LABEL = Map.of("app", "3scale-api-management");

  private final String workload;
  private final Hop hop;
  private final boolean required;
  private final boolean logsRead;
  private final String role;

  Component(String workload, Hop hop, boolean required, boolean logsRead, String role) {
    this.workload = workload;
    this.hop = hop;
    this.required = required;
    this.logsRead = logsRead;
    this.role = role;
  }

  String workload() {
    return workload;
  }

  Hop hop() {
    return hop;
  }

  /** Whether every installation has it (databases and Redis may be external). */
  boolean required() {
    return required;
  }

  /** Whether the doctor reads its pods' logs (APIcast, backend and sidekiq, guide 1.5). */
  boolean logsRead() {
    return logsRead;
  }

  String role() {
    return role;
  }

  static Optional<Component> of(String workloadName) {
    return Arrays.stream(values()).filter(c -> c.workload.equals(workloadName)).findFirst();
  }

  /** The hop of any workload: a known component's, else APIcast's for apicast-*, else 3scale. */
  static Hop hopOf(String workloadName) {
    return of(workloadName)
        .map(Component::hop)
        .orElse(workloadName.startsWith("apicast") ? Hop.GATEWAY : Hop.THREESCALE);
  }

  /** Whether a workload belongs to the 3scale installation (known name, or the app label). */
  static boolean belongs(Installation.Workload w) {
    return of(w.name()).isPresent()
        || w.labels().entrySet().containsAll(APP_LABEL.entrySet())
        || w.labels().containsKey("threescale_component");
  }
}
