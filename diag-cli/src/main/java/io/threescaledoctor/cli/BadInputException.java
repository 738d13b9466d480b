package io.threescaledoctor.cli;

/** Input the doctor cannot use: exit code 2 and this one-line message, no stack trace. */
public final class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }
}
