package io.threescaledoctor.checks.threescale;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Plays a tenant's admin portal: answers by path with bodies shaped like porta's Account Management
 * API JSON (3scale/porta representers: each list element wrapped in its type), and 404 for anything
 * else, as porta does for unknown routes.
 */
final class FakePortal extends Dispatcher {
  static final String TOKEN = CheckRuns.ADMIN_TOKEN;
  private final Map<String, MockResponse> byPath = new ConcurrentHashMap<>();

  FakePortal on(String path, int code, String json) {
    byPath.put(
        path,
        new MockResponse.Builder()
            .code(code)
            .addHeader("Content-Type", "application/json; charset=utf-8")
            .body(json)
            .build());
    return this;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String target = request.getTarget();
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    if (!target.contains("access_token=" + TOKEN)) {
      return new MockResponse.Builder().code(403).body("{\"error\":\"Access denied\"}").build();
    }
    return byPath.getOrDefault(
        path, new MockResponse.Builder().code(404).body("{\"status\":\"Not found\"}").build());
  }

  static String services(String... ids) {
    StringBuilder sb = new StringBuilder("{\"services\":[");
    for (int i = 0; i < ids.length; i++) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"service\":{\"id\":")
          .append(ids[i])
          .append(",\"name\":\"Service ")
          .append(ids[i])
          .append("\",\"system_name\":\"svc")
          .append(ids[i])
          .append("\",\"state\":\"incomplete\",\"backend_version\":\"1\"}}");
    }
    return sb.append("]}").toString();
  }

  static String proxy(
      String id,
      String production,
      String staging,
      String privateBaseUrl,
      String credentialsLocation) {
    return "{\"proxy\":{\"service_id\":"
        + id
        + ",\"endpoint\":\""
        + production
        + "\",\"sandbox_endpoint\":\""
        + staging
        + "\",\"api_backend\":\""
        + privateBaseUrl
        + "\",\"credentials_location\":\""
        + credentialsLocation
        + "\",\"auth_user_key\":"
        + "\"user_key\",\"auth_app_id\":\"app_id\",\"auth_app_key\":\"app_key\","
        + "\"error_status_auth_failed\":403,\"error_auth_failed\":\"Authentication failed\","
        + "\"error_status_no_match\":404,\"error_no_match\":\"No Mapping Rule matched\","
        + "\"policies_config\":[{\"name\":\"apicast\",\"version\":\"builtin\","
        + "\"configuration\":{},\"enabled\":true}],\"lock_version\":3,"
        + "\"created_at\":\"2026-11-20T10:00:00Z\",\"updated_at\":\"2026-11-26T10:00:00Z\"}}";
  }

  static String config(String environment, long version) {
    return "{\"proxy_config\":{\"id\":"
        + (100 + version)
        + ",\"version\":"
        + version
        + ",\"environment\":\""
        + environment
        + "\",\"created_at\":\"2026-11-2"
        + version
        + "T10:00:00Z\",\"content\":{\"id\":1}}}";
  }

  static String mappingRules(String... methodPatterns) {
    StringBuilder sb = new StringBuilder("{\"mapping_rules\":[");
    for (int i = 0; i < methodPatterns.length; i += 2) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"mapping_rule\":{\"id\":")
          .append(i + 1)
          .append(",\"metric_id\":9,\"pattern\":\"")
          .append(methodPatterns[i + 1])
          .append("\",\"http_method\":\"")
          .append(methodPatterns[i])
          .append("\",\"delta\":1,\"position\":")
          .append(i / 2 + 1)
          .append(",\"last\":false}}");
    }
    return sb.append("]}").toString();
  }
}
