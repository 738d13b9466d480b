package io.threescaledoctor.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls the test makes to the real backend itself, around what the doctor does: reading an
 * application's usage and bringing the limited fixture application ({@code uk-limited}, 3 hits a
 * minute) to exactly its limit.
 */
final class BackendCalls {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Pattern CURRENT_VALUE =
      Pattern.compile("<current_value>(\\d+)</current_value>");

  /** The limited application's key and its per-minute limit. */
  static final String LIMITED_KEY = "uk-limited";

  static final int LIMIT_PER_MINUTE = 3;

  /** Time a limits scenario needs inside one minute, before the counter resets under it. */
  private static final int SECONDS_NEEDED = 25;

  private final ApisonatorKit kit;

  BackendCalls(ApisonatorKit kit) {
    this.kit = kit;
  }

  /** GET on the backend; status and body. */
  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(kit.url() + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** authorize.xml for a user key of the main service, with no usage: changes nothing. */
  HttpResponse<String> authorizeWithoutUsage(String userKey)
      throws IOException, InterruptedException {
    return get(
        "/transactions/authorize.xml?service_token="
            + ApisonatorKit.token(ApisonatorKit.SERVICE)
            + "&service_id="
            + ApisonatorKit.SERVICE
            + "&user_key="
            + userKey);
  }

  /** The usage the backend has stored for the limited application in this minute. */
  int limitedUsage() throws IOException, InterruptedException {
    Matcher m = CURRENT_VALUE.matcher(authorizeWithoutUsage(LIMITED_KEY).body());
    if (!m.find()) {
      throw new IllegalStateException("no current_value in the limited application's answer");
    }
    return Integer.parseInt(m.group(1));
  }

  /**
   * Waits, when needed, for a minute with {@value #SECONDS_NEEDED} s left in it, so that the
   * per-minute counter does not reset in the middle of a scenario.
   */
  static void awaitRoomInTheMinute() throws InterruptedException {
    int second = LocalTime.now(ZoneOffset.UTC).getSecond();
    if (60 - second < SECONDS_NEEDED) {
      Thread.sleep((60 - second + 1) * 1000L);
    }
  }

  /** Reports what is left of the limited application's minute, and waits until it is counted. */
  void bringLimitedAppToItsLimit() throws IOException, InterruptedException {
    int used = limitedUsage();
    if (used < LIMIT_PER_MINUTE) {
      HttpResponse<String> r =
          get(
              "/transactions/authrep.xml?service_token="
                  + ApisonatorKit.token(ApisonatorKit.SERVICE)
                  + "&service_id="
                  + ApisonatorKit.SERVICE
                  + "&user_key="
                  + LIMITED_KEY
                  + "&usage%5Bhits%5D="
                  + (LIMIT_PER_MINUTE - used));
      if (r.statusCode() != 200) {
        throw new IllegalStateException("authrep answered " + r.statusCode() + ": " + r.body());
      }
    }
    awaitLimitedUsage(LIMIT_PER_MINUTE);
  }

  /** The worker applies reported usage a moment later; waits (up to 10 s) until it has. */
  void awaitLimitedUsage(int atLeast) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (limitedUsage() < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the worker did not count the limited application's usage up to " + atLeast);
      }
      Thread.sleep(100);
    }
  }
}
