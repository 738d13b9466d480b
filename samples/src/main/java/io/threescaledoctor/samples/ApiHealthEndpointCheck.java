package io.threescaledoctor.samples;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.profile.Profile;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Optional;

/**
 * A check an application adds for itself: its API's own health endpoint ({@code api.url} + {@value
 * #PATH}) answers 2xx. Registered in this jar's {@code
 * META-INF/services/io.threescaledoctor.core.check.Check}, so it joins every run, and {@code
 * 3scale-doctor checks} lists it, whenever the jar is on the class path.
 *
 * <p>It shows what a custom check owes the engine: a stable id, the hop it tests, the profile key
 * it needs, every wait bounded by the context's timeouts, FAIL with evidence and a known cause when
 * the target is broken, and a command to see the same thing by hand.
 */
public final class ApiHealthEndpointCheck implements Check {
  /** The health path, below the API's private base URL. */
  public static final String PATH = "/health";

  @Override
  public String id() {
    return "sample.api-health";
  }

  @Override
  public Hop hop() {
    return Hop.API;
  }

  @Override
  public String description() {
    return "The API's own " + PATH + " endpoint answers 2xx (a sample custom check)";
  }

  @Override
  public Optional<String> missingInput(Profile profile) {
    return profile.api().url() == null ? Optional.of("api.url") : Optional.empty();
  }

  @Override
  public CheckResult run(CheckContext context) throws IOException, InterruptedException {
    String base = context.profile().api().url();
    URI uri = URI.create(base.replaceAll("/+$", "") + PATH);
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(context.timeouts().connect())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(uri).timeout(context.timeouts().read()).GET().build();
    String reproduce = "curl -sv '" + uri + "'";
    long start = System.nanoTime();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      long millis = (System.nanoTime() - start) / 1_000_000;
      CheckResult result =
          response.statusCode() / 100 == 2
              ? CheckResult.pass(PATH + " answered " + response.statusCode())
              : CheckResult.fail(PATH + " answered " + response.statusCode())
                  .withCause(response.statusCode() >= 500 ? "api-error-status" : null);
      return result
          .withEvidence("url", uri)
          .withEvidence("status", response.statusCode())
          .withEvidence("body", abbreviate(response.body()))
          .withEvidence("totalMillis", millis)
          .withReproduce(reproduce);
    } catch (HttpConnectTimeoutException e) {
      return CheckResult.fail(
              "no connection to "
                  + uri.getAuthority()
                  + " within "
                  + context.timeouts().connectMillis()
                  + " ms (timeouts.connect)")
          .withCause("api-unreachable")
          .withEvidence("url", uri)
          .withReproduce(reproduce);
    } catch (HttpTimeoutException e) {
      return CheckResult.fail(
              PATH
                  + " did not answer within "
                  + context.timeouts().readMillis()
                  + " ms (timeouts.read)")
          .withCause("api-timeout")
          .withEvidence("url", uri)
          .withReproduce(reproduce);
    } catch (ConnectException e) {
      return CheckResult.fail(uri.getAuthority() + " refused the connection")
          .withCause("api-unreachable")
          .withEvidence("url", uri)
          .withEvidence("error", String.valueOf(e.getMessage()))
          .withReproduce(reproduce);
    }
  }

  private static String abbreviate(String body) {
    String oneLine = body.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
  }
}
