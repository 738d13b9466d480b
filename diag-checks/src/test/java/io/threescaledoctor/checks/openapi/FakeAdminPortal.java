package io.threescaledoctor.checks.openapi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A tenant's admin portal for the import preview: the Account Management API's JSON as porta writes
 * it (each element wrapped in its type), for services, proxy, metrics, methods and mapping rules;
 * 403 without the token, 404 for anything else.
 */
public final class FakeAdminPortal extends Dispatcher {
  public static final String TOKEN = "SENTINEL-ADMIN-TOKEN-0001";
  private final Map<String, String> bodies = new ConcurrentHashMap<>();

  public FakeAdminPortal on(String path, String json) {
    bodies.put(path, json);
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
    String body = bodies.get(path);
    if (body == null) {
      return new MockResponse.Builder().code(404).body("{\"status\":\"Not found\"}").build();
    }
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json; charset=utf-8")
        .body(body)
        .build();
  }

  /**
   * The Petstore service as it was before anyone imported the 2.0 definition: some methods and
   * rules added by hand in the admin portal.
   */
  public static FakeAdminPortal petstore() {
    return new FakeAdminPortal()
        .on(
            "/admin/api/services.json",
            "{\"services\":[{\"service\":{\"id\":41,\"name\":\"Echo\",\"system_name\":\"api\","
                + "\"state\":\"incomplete\"}},{\"service\":{\"id\":42,\"name\":\"Swagger Petstore\","
                + "\"system_name\":\"swagger_petstore\",\"state\":\"incomplete\","
                + "\"backend_version\":\"1\"}}]}")
        .on(
            "/admin/api/services/42/proxy.json",
            "{\"proxy\":{\"service_id\":42,\"endpoint\":\"https://petstore.apps.example.com:443\","
                + "\"sandbox_endpoint\":\"https://petstore-staging.apps.example.com:443\","
                + "\"api_backend\":\"http://10.0.0.5:8080\",\"credentials_location\":\"headers\","
                + "\"auth_user_key\":\"user_key\",\"auth_app_id\":\"app_id\","
                + "\"auth_app_key\":\"app_key\",\"error_status_auth_failed\":403,"
                + "\"lock_version\":7}}")
        .on(
            "/admin/api/services/42/metrics.json",
            "{\"metrics\":[{\"metric\":{\"id\":100,\"name\":\"hits\",\"system_name\":\"hits\","
                + "\"friendly_name\":\"Hits\",\"service_id\":42,\"unit\":\"hit\"}}]}")
        .on(
            "/admin/api/services/42/metrics/100/methods.json",
            "{\"methods\":["
                + method(101, "getpetbyid", "getPetById")
                + ","
                + method(102, "findpetsbystatus", "findPetsByStatus")
                + ","
                + method(103, "uploadfile", "uploadFile")
                + ","
                + method(104, "getorderbyid", "getOrderById")
                + ","
                + method(105, "legacy_search", "Legacy search")
                + "]}")
        .on(
            "/admin/api/services/42/proxy/mapping_rules.json",
            "{\"mapping_rules\":["
                + rule(1, 101, "GET", "/v2/pet/{petId}$")
                + ","
                + rule(2, 102, "GET", "/v2/pet/findByStatus")
                + ","
                + rule(3, 103, "POST", "/v2/pet/{petId}/uploadImage$")
                + ","
                + rule(4, 104, "GET", "/v2/store/order/{orderId}$")
                + "]}");
  }

  private static String method(int id, String systemName, String friendlyName) {
    return "{\"method\":{\"id\":"
        + id
        + ",\"name\":\""
        + systemName
        + "\",\"system_name\":\""
        + systemName
        + "\",\"friendly_name\":\""
        + friendlyName
        + "\",\"service_id\":42,\"parent_id\":100}}";
  }

  private static String rule(int id, int metricId, String method, String pattern) {
    return "{\"mapping_rule\":{\"id\":"
        + id
        + ",\"metric_id\":"
        + metricId
        + ",\"pattern\":\""
        + pattern
        + "\",\"http_method\":\""
        + method
        + "\",\"delta\":1,\"position\":"
        + id
        + ",\"last\":false}}";
  }
}
