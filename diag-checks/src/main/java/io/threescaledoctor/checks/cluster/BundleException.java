package io.threescaledoctor.checks.cluster;

/**
 * A bundle that cannot be used: not a must-gather or inspect directory or archive, damaged, or
 * without a (single) 3scale namespace. The message is one line; the command line exits with 2.
 */
public final class BundleException extends RuntimeException {
  public BundleException(String message) {
    super(message);
  }
}
