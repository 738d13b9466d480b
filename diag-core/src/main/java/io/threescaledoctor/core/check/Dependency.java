package io.threescaledoctor.core.check;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Something the application needs that is not part of the 3scale chain: its database, a Redis, a
 * queue. A check that declares one with {@link Check#dependency()} reports on it beside the chain:
 * its results never count in a hop's verdict and never make a hop the likely failure point; the
 * diagnosis lists the dependency on its own ({@code Diagnosis#dependencies()}), the reports draw it
 * next to the hop whose calls need it (the check's {@link Check#hop()}), and a FAIL there makes the
 * run FAILING while the chain itself may be fine.
 *
 * @param id stable id, lower-case words or digits joined by dots or dashes ({@code session-store},
 *     {@code myapp.redis})
 * @param description what it is, in a few words ({@code Redis that holds the sessions})
 */
public record Dependency(String id, String description) {
  private static final Pattern ID = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");

  public Dependency {
    Objects.requireNonNull(description, "description");
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "dependency id '"
              + id
              + "' must be lower-case words or digits joined by dots or dashes, e.g."
              + " session-store");
    }
  }

  public static Dependency of(String id, String description) {
    return new Dependency(id, description);
  }
}
