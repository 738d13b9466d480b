package io.threescaledoctor.checks.threescale;

import java.util.List;
import java.util.Optional;

/**
 * What the backend's XML answer to an authorize, authrep or OAuth authorize call says: either a
 * {@code <status>} (authorized or not, with reason, plan and usage reports) or an {@code <error
 * code="...">}.
 *
 * @param authorized true or false for a {@code <status>} answer; null for an error or no XML
 * @param reason the rejection text of an unauthorized {@code <status>}
 * @param errorCode the {@code code} attribute of an {@code <error>} answer
 * @param errorMessage the text of an {@code <error>} answer
 * @param plan the application's plan name
 * @param usageReports one per limit of the plan
 * @param unreadable why the body could not be read as one of those forms; null when it could
 */
public record AuthorizeResponse(
    Boolean authorized,
    String reason,
    String errorCode,
    String errorMessage,
    String plan,
    List<UsageReport> usageReports,
    String unreadable) {

  public static AuthorizeResponse unreadable(String why) {
    return new AuthorizeResponse(null, null, null, null, null, List.of(), why);
  }

  public boolean isStatus() {
    return authorized != null;
  }

  public boolean isError() {
    return errorCode != null;
  }

  public Optional<String> planName() {
    return Optional.ofNullable(plan);
  }

  /** The reports at or above {@code percent} of their limit, fullest first. */
  public List<UsageReport> reportsAbove(double percent) {
    return usageReports.stream()
        .filter(r -> r.percentUsed() >= percent)
        .sorted((a, b) -> Double.compare(b.percentUsed(), a.percentUsed()))
        .toList();
  }
}
