package io.threescaledoctor.checks.threescale;

import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import java.util.Optional;

/**
 * The service the gateway serves, as the admin portal describes it: what {@code portal.services}
 * hands to the checks that lint its configuration.
 *
 * @param environment {@code production} or {@code staging}: whose public base URL matched, or
 *     {@code unknown} when the service came from {@code threescale.serviceId} alone
 */
public record PortalService(AdminJson.Service service, AdminJson.Proxy proxy, String environment) {

  /** What a lint check reports when {@code portal.services} identified no service. */
  static CheckResult notIdentified() {
    return CheckResult.skip(
        "no service identified: set gateway.url (or threescale.serviceId)"
            + " so the service can be found");
  }

  /** The service {@code portal.services} found for this run, if it found one. */
  static Optional<PortalService> found(CheckContext context) {
    return context.resultOf("portal.services").flatMap(r -> r.facts(PortalService.class));
  }
}
