package io.threescaledoctor.it;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * The 3scale Service Management API (apisonator) as far as {@code authorize.xml} goes, answering
 * nginx's authorization subrequests and the doctor's own call alike. It checks the service token
 * and id and the application's user key the way apisonator does, and answers as apisonator 3.4.3
 * answers, byte for byte but for the plan, limits and dates (diag-it's FakeBackendsTest compares
 * them with the real backend's): an empty key is an application that is not found (404), {@code GET
 * /status} names the version, any other path is an empty 404, and {@code 3scale-options} gets the
 * rejection reason and limit headers.
 *
 * <p>Formats from github.com/3scale/apisonator (commit 2e7f156): {@code Error#to_xml} in
 * lib/3scale/backend/errors.rb writes {@code <?xml ...?><error code="...">message</error>} with
 * {@code http_code} 403 by default (404 for NotFound, 422 for Invalid); messages of {@code
 * UserKeyInvalid} ("user key \"KEY\" is invalid", "user key is missing" when blank) and {@code
 * ServiceTokenInvalid}; {@code Transactor::Status#to_xml} and {@code UsageReport#to_xml} in
 * lib/3scale/backend/transactor/ write {@code <status><authorized>..} with {@code <reason>} when
 * denied, {@code <plan>} and {@code <usage_reports>}; listener.rb answers 200 when authorized and
 * 409 when not, with content type {@code application/vnd.3scale-v2.0+xml}.
 */
final class FakeThreescaleBackend implements AutoCloseable {
  static final String CONTENT_TYPE = "application/vnd.3scale-v2.0+xml";
  static final String STATUS = "{\"status\":\"ok\",\"version\":{\"backend\":\"3.4.3\"}}";
  private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
  private static final int LIMIT = 5;

  /** What 3scale thinks of the application whose key the client sends. */
  enum Verdict {
    AUTHORIZED,
    USER_KEY_INVALID,
    LIMITS_EXCEEDED
  }

  private final MockWebServer server = new MockWebServer();
  private final List<String> requestLines = new CopyOnWriteArrayList<>();
  private final String serviceId;
  private final String serviceToken;
  private final String userKey;
  private final Verdict verdict;

  FakeThreescaleBackend(String serviceId, String serviceToken, String userKey, Verdict verdict)
      throws IOException {
    this.serviceId = serviceId;
    this.serviceToken = serviceToken;
    this.userKey = userKey;
    this.verdict = verdict;
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requestLines.add(request.getMethod() + " " + request.getUrl().encodedPath());
            return answer(request);
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  private MockResponse answer(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    if ("GET".equals(request.getMethod()) && "/status".equals(url.encodedPath())) {
      return new MockResponse.Builder()
          .code(200)
          .setHeader("Content-Type", "application/json")
          .body(STATUS)
          .build();
    }
    if (!"GET".equals(request.getMethod())
        || !"/transactions/authorize.xml".equals(url.encodedPath())) {
      return xml(404, "");
    }
    String token = url.queryParameter("service_token");
    String id = url.queryParameter("service_id");
    if (!serviceToken.equals(token) || !serviceId.equals(id)) {
      return xml(
          403,
          error(
              "service_token_invalid",
              "service token \"" + token + "\" or service id \"" + id + "\" is invalid"));
    }
    String key = url.queryParameter("user_key");
    if (key == null || key.isEmpty()) {
      // apisonator looks the empty key up like any other and finds no application.
      return xml(404, error("application_not_found", "application with id=\"\" was not found"));
    }
    if (!userKey.equals(key) || verdict == Verdict.USER_KEY_INVALID) {
      return xml(403, error("user_key_invalid", "user key \"" + key + "\" is invalid"));
    }
    String options = String.valueOf(request.getHeaders().get("3scale-options"));
    int predicted = parseInt(url.queryParameter("usage[hits]"));
    if (verdict == Verdict.LIMITS_EXCEEDED) {
      MockResponse.Builder denied =
          xmlBuilder(
              409,
              XML
                  + "<status><authorized>false</authorized>"
                  + "<reason>usage limits are exceeded</reason><plan>Basic</plan>"
                  + usageReports(LIMIT, LIMIT)
                  + "</status>");
      if (options.contains("rejection_reason_header=1")) {
        denied.setHeader("3scale-rejection-reason", "limits_exceeded");
      }
      return withLimitHeaders(denied, options, LIMIT, predicted).build();
    }
    return withLimitHeaders(
            xmlBuilder(
                200,
                XML
                    + "<status><authorized>true</authorized><plan>Basic</plan>"
                    + usageReports(LIMIT, 1)
                    + "</status>"),
            options,
            1,
            predicted)
        .build();
  }

  /** What apisonator adds with limit_headers=1: what the prediction leaves of the minute. */
  private static MockResponse.Builder withLimitHeaders(
      MockResponse.Builder b, String options, int current, int predicted) {
    if (!options.contains("limit_headers=1")) {
      return b;
    }
    return b.setHeader("3scale-limit-remaining", Math.max(0, LIMIT - current - predicted))
        .setHeader("3scale-limit-reset", 60 - java.time.LocalTime.now().getSecond())
        .setHeader("3scale-limit-max-value", LIMIT);
  }

  private static int parseInt(String s) {
    try {
      return s == null ? 0 : Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * At the limit, apisonator refuses the prediction and reports the usage as it is: it writes
   * {@code exceeded="true"} only once the usage is over the limit, which a refused call never makes
   * it.
   */
  private static String usageReports(int max, int current) {
    return "<usage_reports><usage_report metric=\"hits\" period=\"minute\""
        + (current > max ? " exceeded=\"true\"" : "")
        + ">"
        + "<period_start>2026-11-27 12:00:00 +0000</period_start>"
        + "<period_end>2026-11-27 12:01:00 +0000</period_end>"
        + "<max_value>"
        + max
        + "</max_value><current_value>"
        + current
        + "</current_value>"
        + "</usage_report></usage_reports>";
  }

  private static String error(String code, String message) {
    return XML + "<error code=\"" + code + "\">" + message + "</error>";
  }

  private static MockResponse xml(int status, String body) {
    return xmlBuilder(status, body).build();
  }

  private static MockResponse.Builder xmlBuilder(int status, String body) {
    return new MockResponse.Builder()
        .code(status)
        .setHeader("Content-Type", CONTENT_TYPE)
        .body(body);
  }

  /** {@code 127.0.0.1:PORT}, as nginx's proxy_pass wants it. */
  String hostPort() {
    return "127.0.0.1:" + server.getPort();
  }

  String url() {
    return "http://" + hostPort();
  }

  /** Method and path of every request received, without query (it carries secrets). */
  List<String> requestLines() {
    return List.copyOf(requestLines);
  }

  @Override
  public void close() {
    server.close();
  }
}
