package io.threescaledoctor.core.check;

/** How a result learned about its hop: by reaching it, or by reading what the gateway logged. */
public enum Tested {
  DIRECT("direct"),
  LOGS("logs");

  private final String id;

  Tested(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
