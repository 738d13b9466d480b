package io.threescaledoctor.checks.nginx;

/** A configuration the doctor cannot read or parse; the message names the file and line. */
public final class NginxConfigException extends Exception {
  public NginxConfigException(String message) {
    super(message);
  }
}
