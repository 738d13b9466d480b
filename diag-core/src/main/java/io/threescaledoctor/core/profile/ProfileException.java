package io.threescaledoctor.core.profile;

/** The profile cannot be used; the message is one line that names the problem and where it is. */
public final class ProfileException extends Exception {
  public ProfileException(String message) {
    super(message);
  }
}
