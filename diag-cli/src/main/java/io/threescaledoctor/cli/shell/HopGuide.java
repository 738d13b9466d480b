package io.threescaledoctor.cli.shell;

import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.profile.Profile;
import java.util.List;
import java.util.Optional;

/**
 * The guide's advice for each hop (Operating 3scale 2.5, §4.2 and §4.3) in our words, and the steps
 * the doctor cannot take from where it runs, phrased as questions to the engineer.
 */
final class HopGuide {
  /** A step only the engineer can take; the answer becomes evidence in the report. */
  record ManualStep(String reference, String question) {}

  private HopGuide() {}

  static List<String> advice(Hop hop) {
    return switch (hop) {
      case API ->
          List.of(
              "Call the API directly, bypassing the gateway, with the same parameters and headers"
                  + " the gateway sends. If that fails, fix the API before looking further.");
      case GATEWAY_API ->
          List.of(
              "Make the same direct call to the API from the gateway host. If it works there, the"
                  + " network between gateway and API is fine; if not, look at firewalls and routes"
                  + " between them.");
      case GATEWAY ->
          List.of(
              "On the gateway host, 'ps ax | grep nginx' should show a master and worker processes.",
              "Read the gateway's error.log: 'upstream timed out ... while connecting to upstream'"
                  + " names the upstream it could not reach.");
      case GATEWAY_3SCALE ->
          List.of(
              "The gateway must reach and resolve the 3scale Service Management API: check the"
                  + " resolver directive in nginx.conf, firewall rules, and compare traceroute/mtr"
                  + " from the gateway and from a host that can reach 3scale.",
              "To see the exact call the gateway makes to 3scale, send the X-3scale-debug header"
                  + " with the provider key and read the error.log.");
      case THREESCALE ->
          List.of(
              "Authorize the application directly against 3scale and read the error code it returns"
                  + " (see 'explain ID' for each known error).",
              "Also check the integration errors page of the Admin Portal"
                  + " (/apiconfig/errors).");
      case CLIENT_GATEWAY ->
          List.of(
              "If the gateway is not reachable from outside, open its ports in the firewall; if it"
                  + " is reachable from elsewhere but not from the client, the problem is the"
                  + " network between them.");
      case CLIENT ->
          List.of(
              "Repeat the failing call with another client (curl) and compare: same path, same"
                  + " credentials in the same place (query or header).");
    };
  }

  /**
   * What the engineer must look at themselves at {@code hop}: the guide's steps no check can take
   * from here. From the client's side that includes the gateway host's view of the API and, when no
   * log is given, of nginx itself.
   */
  static List<ManualStep> manualSteps(Hop hop, Profile profile) {
    boolean fromClient = profile.vantage() == Profile.Vantage.CLIENT;
    return switch (hop) {
      case GATEWAY_API ->
          fromClient
              ? List.of(
                  new ManualStep(
                      "4.3.2",
                      "On the gateway host, call the API directly (curl -sv "
                          + Optional.ofNullable(profile.api().url()).orElse("API_URL")
                          + "). Did it answer?"))
              : List.of();
      case GATEWAY ->
          fromClient && profile.gateway().errorLog() == null
              ? List.of(
                  new ManualStep(
                      "4.3.3",
                      "On the gateway host, does 'ps ax | grep nginx' show a master and workers, and is"
                          + " error.log quiet?"))
              : List.of();
      case THREESCALE ->
          List.of(
              new ManualStep(
                  "4.3.5",
                  "Check the 3scale status page (or @3scalestatus). Is 3scale reporting an incident?"));
      case CLIENT_GATEWAY ->
          List.of(
              new ManualStep("4.3.6", "Open the gateway's URL in a browser. What did you see?"),
              new ManualStep(
                  "4.2.2",
                  "Try the same call from another network (another office, a phone hotspot, a"
                      + " cloud VM). Did it work there?"));
      case CLIENT ->
          List.of(
              new ManualStep(
                  "4.3.7",
                  "Repeat the call with another client (curl) or capture the client's traffic (a proxy,"
                      + " Wireshark). What did you see?"));
      default -> List.of();
    };
  }
}
