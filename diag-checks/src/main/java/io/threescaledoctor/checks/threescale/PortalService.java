package io.threescaledoctor.checks.threescale;

/**
 * The service the gateway serves, as the admin portal describes it: what {@code portal.services}
 * hands to the checks that lint its configuration.
 *
 * @param environment {@code production} or {@code staging}: whose public base URL matched, or
 *     {@code unknown} when the service came from {@code threescale.serviceId} alone
 */
public record PortalService(AdminJson.Service service, AdminJson.Proxy proxy, String environment) {}
