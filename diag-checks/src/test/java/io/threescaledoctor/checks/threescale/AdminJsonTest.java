package io.threescaledoctor.checks.threescale;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bodies shaped like porta's JSON representers (3scale/porta app/representers). */
class AdminJsonTest {

  @Test
  void readsServicesWrappedInTheirType() throws Exception {
    String json =
        """
        {"services":[{"service":{"id":2555417777777,"name":"Echo API","system_name":"echo",
         "state":"incomplete","backend_version":"1"}},
         {"service":{"id":2555417777778,"name":"Orders","system_name":"orders"}}]}""";
    assertThat(AdminJson.services(json))
        .extracting(AdminJson.Service::id)
        .containsExactly("2555417777777", "2555417777778");
  }

  @Test
  void readsTheProxySettings() throws Exception {
    String json =
        """
        {"proxy":{"service_id":2555417777777,"endpoint":"https://api.example.com:443",
         "sandbox_endpoint":"https://api-staging.example.com:443",
         "api_backend":"http://10.0.0.5:8080/v1","credentials_location":"headers",
         "auth_user_key":"user_key","auth_app_id":"app_id","auth_app_key":"app_key",
         "error_status_auth_failed":403,"error_auth_failed":"Authentication failed"}}""";
    AdminJson.Proxy p = AdminJson.proxy(json);
    assertThat(p.production()).isEqualTo("https://api.example.com:443");
    assertThat(p.staging()).isEqualTo("https://api-staging.example.com:443");
    assertThat(p.privateBaseUrl()).isEqualTo("http://10.0.0.5:8080/v1");
    assertThat(p.credentialsLocation()).isEqualTo("headers");
    assertThat(p.authFailedStatus()).isEqualTo(403);
  }

  @Test
  void readsMappingRulesAndLatestConfigs() throws Exception {
    String rules =
        """
        {"mapping_rules":[{"mapping_rule":{"id":1,"metric_id":9,"pattern":"/hello",
         "http_method":"GET","delta":1,"position":2,"last":false}},
         {"mapping_rule":{"id":2,"metric_id":9,"pattern":"/","http_method":"GET","delta":1,
         "position":1,"last":false}}]}""";
    MappingRules parsed = AdminJson.mappingRules(rules);
    assertThat(parsed.rules()).extracting(MappingRule::pattern).containsExactly("/", "/hello");
    String latest =
        """
        {"proxy_config":{"id":77,"version":5,"environment":"sandbox",
         "created_at":"2026-11-26T10:00:00Z","content":{"id":2555417777777}}}""";
    assertThat(AdminJson.latestProxyConfig(latest))
        .get()
        .extracting(AdminJson.ProxyConfig::version)
        .isEqualTo(5L);
  }

  @Test
  void readsPortaErrors() {
    assertThat(AdminJson.errorText("{\"error\":\"Access denied\"}")).contains("Access denied");
    assertThat(AdminJson.errorText("<html>403</html>")).isEmpty();
  }
}
