package io.threescaledoctor.checks.cluster;

/**
 * The cluster cannot be read at all: the API server is unreachable, rejects the credentials, or the
 * kubeconfig names no usable context. The message is one line naming the problem and what to do;
 * the command line turns it into exit code 2.
 */
public final class ClusterAccessException extends RuntimeException {
  public ClusterAccessException(String message) {
    super(message);
  }
}
