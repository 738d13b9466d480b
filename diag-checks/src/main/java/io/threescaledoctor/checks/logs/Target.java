package io.threescaledoctor.checks.logs;

/** What an error-log line is about, as attribution decided it. */
public enum Target {
  /** The 3scale Service Management API (the backend APIcast and auth_request call). */
  BACKEND("3scale backend"),
  /** The customer's API, the upstream the gateway proxies clients to. */
  API("API"),
  /** An upstream or host that neither the configuration, the profile nor the log places. */
  UNATTRIBUTED("unattributed upstream"),
  /** The line names no upstream or host. */
  NONE("-");

  private final String label;

  Target(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
