package io.threescaledoctor.checks.threescale;

import java.util.regex.Pattern;

/**
 * One error code of the 3scale Service Management API: the HTTP status it comes with, how it
 * arrives, the known issue it points to, and what it means.
 *
 * @param code the machine-readable code, e.g. {@code user_key_invalid}
 * @param status the HTTP status the backend answers with it
 * @param form how it arrives
 * @param issue the known-issue id that explains it
 * @param meaning one sentence: what the backend is saying
 * @param remedy what to do about this code in particular
 * @param reason for a rejection, the pattern of the {@code <reason>} text; otherwise null
 * @param removedIn the apisonator version that no longer answers with this code (e.g. {@code 3.0.0}
 *     for the OAuth token store's codes); null for a code current backends still use
 */
public record BackendErrorCode(
    String code,
    int status,
    Form form,
    String issue,
    String meaning,
    String remedy,
    Pattern reason,
    String removedIn) {

  /** True for a code only backends older than {@link #removedIn} answer with. */
  public boolean olderBackendsOnly() {
    return removedIn != null;
  }

  /** Says which backends answer with this code, for a code only older ones use. */
  public String olderBackendsNote() {
    return "seen only on older backends: apisonator "
        + removedIn
        + " removed it (3scale 2.x backends, as in the guide's 2.5, still answer with it)";
  }

  /** How a code reaches the caller. */
  public enum Form {
    /** An {@code <error code="...">} body with the code's own status. */
    ERROR,
    /** A 409 {@code <authorized>false</authorized>} with a {@code <reason>} text. */
    REJECTION,
    /** Only the internal API or a failing backend produces it. */
    INTERNAL
  }
}
