package io.threescaledoctor.checks.logs;

/** What an error-log line is about, judged from its upstream, subrequest or named host. */
public enum Target {
  /** The 3scale Service Management API (an auth subrequest, or the backend's address). */
  BACKEND("3scale backend"),
  /** The customer's API (its address, or any upstream that is not 3scale). */
  API("API"),
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
