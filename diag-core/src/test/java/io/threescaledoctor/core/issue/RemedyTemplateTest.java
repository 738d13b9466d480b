package io.threescaledoctor.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.profile.ProfileLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemedyTemplateTest {

  private static Profile profile(Map<String, String> keys) throws Exception {
    return new ProfileLoader(k -> null).fromOverrides(keys);
  }

  @Test
  void namesTheEndpointsOfTheProfile() throws Exception {
    Profile p =
        profile(
            Map.of(
                "threescale.backend", "http://backend.internal:3001",
                "api.url", "https://api.internal/v1",
                "gateway.management", "http://127.0.0.1:9091"));

    assertThat(RemedyTemplate.render("allow {backend.address} over {backend.scheme}", p))
        .isEqualTo("allow backend.internal:3001 over HTTP");
    assertThat(RemedyTemplate.render("{api.url} on port {api.port} of {api.host}", p))
        .isEqualTo("https://api.internal:443 on port 443 of api.internal");
    assertThat(RemedyTemplate.render("expose port {management.port}", p))
        .isEqualTo("expose port 9091");
  }

  @Test
  void aGroupFallsBackWhenTheProfileLacksAValue() throws Exception {
    String template = "allow the connection to [{backend.address}|the backend's host and port].";

    assertThat(RemedyTemplate.render(template, Profile.empty()))
        .isEqualTo("allow the connection to the backend's host and port.");
    assertThat(RemedyTemplate.render("check it[ at {gateway.url}].", Profile.empty()))
        .isEqualTo("check it.");
    assertThat(
            RemedyTemplate.render(
                template, profile(Map.of("threescale.backend", "https://b.test:8443"))))
        .isEqualTo("allow the connection to b.test:8443.");
  }

  @Test
  void aTemplateMayOpenWithAPlaceholderAndAGroupMayOpenWithItsBar() throws Exception {
    Profile p = profile(Map.of("threescale.backend", "http://backend.internal:3001"));

    assertThat(RemedyTemplate.render("{backend.address} must answer", p))
        .isEqualTo("backend.internal:3001 must answer");
    assertThat(RemedyTemplate.render("{backend.address} must answer", Profile.empty()))
        .isEqualTo("the 3scale backend's host and port must answer");
    // An empty text needs no value, so it is what shows: the first bar splits even at the start.
    assertThat(RemedyTemplate.render("[|fallback]here", p)).isEqualTo("here");
  }

  @Test
  void aBarePlaceholderWithoutAValueReadsAsAPhrase() {
    assertThat(RemedyTemplate.render("open {gateway.port} and {dns.resolvers}", Profile.empty()))
        .isEqualTo("open the gateway's port and resolvers reachable from the gateway host");
  }

  @Test
  void neverShowsTheAdminTokenOfTheUrl() throws Exception {
    Profile p = profile(Map.of("threescale.admin", "https://s3cr3t-token@tenant-admin.test"));

    assertThat(RemedyTemplate.render("curl {admin.url}/admin/api/services.json", p))
        .isEqualTo("curl https://tenant-admin.test:443/admin/api/services.json")
        .doesNotContain("s3cr3t");
  }

  @Test
  void listsTheResolversAsNginxDoes() throws Exception {
    Profile p = profile(Map.of("dns.resolvers", "10.0.0.2,10.0.0.3:5353"));

    assertThat(RemedyTemplate.render("[resolver {dns.resolvers};|a resolver]", p))
        .isEqualTo("resolver 10.0.0.2 10.0.0.3:5353;");
  }

  @Test
  void aBracketedIpv6HostKeepsItsBracketsOnlyWithThePort() throws Exception {
    Profile p = profile(Map.of("api.url", "http://[::1]:8081"));

    assertThat(RemedyTemplate.render("{api.address} / {api.host}", p))
        .isEqualTo("[::1]:8081 / ::1");
  }

  @Test
  void plainPipesAndTextPassUnchanged() {
    String text = "check the processes (ps ax | grep nginx) and reload";

    RemedyTemplate.validate(text);
    assertThat(RemedyTemplate.render(text, Profile.empty())).isEqualTo(text);
  }

  @Test
  void rejectsUnknownPlaceholdersAndBrokenGroups() {
    assertThatThrownBy(() -> RemedyTemplate.validate("port {backend.prot}"))
        .hasMessageContaining("unknown placeholder {backend.prot}");
    assertThatThrownBy(() -> RemedyTemplate.validate("[a {api.url}"))
        .hasMessageContaining("[ has no ]");
    assertThatThrownBy(() -> RemedyTemplate.validate("[{api.url}|{api.host}]"))
        .hasMessageContaining("takes no placeholder");
    assertThatThrownBy(() -> RemedyTemplate.validate("[a [b] c]")).hasMessageContaining("nested");
  }

  @Test
  void acceptsEveryPlaceholderItDocumentsInAndOutOfGroups() {
    for (String owner : List.of("api", "gateway", "backend", "admin", "management")) {
      for (String part : List.of("url", "host", "port", "scheme", "address")) {
        String p = "{" + owner + "." + part + "}";
        RemedyTemplate.validate("see " + p + " [or " + p + "|or nothing] and [" + p + "] " + p);
      }
    }
    RemedyTemplate.validate("[resolver {dns.resolvers};|a resolver] then {dns.resolver}");
  }

  @Test
  void rejectsEachKindOfUnknownNameAndSaysWhereABracketIsWrong() {
    for (String bad :
        List.of(
            "{dns.server}", "{dns}", "{api}", "{proxy.url}", "{api.path}", "{dns.resolvers.x}")) {
      assertThatThrownBy(() -> RemedyTemplate.validate("see " + bad))
          .as(bad)
          .hasMessage("unknown placeholder " + bad);
    }
    assertThatThrownBy(() -> RemedyTemplate.validate("[|{api.url}]"))
        .hasMessageContaining("takes no placeholder");
    assertThatThrownBy(() -> RemedyTemplate.validate("ab] c"))
        .hasMessage("unbalanced or nested [ ] at character 3");
    assertThatThrownBy(() -> RemedyTemplate.validate("[a] [b [c] d]"))
        .hasMessage("unbalanced or nested [ ] at character 8");
    assertThatThrownBy(() -> RemedyTemplate.validate("open {api.url")).hasMessage("unbalanced { }");
  }

  @Test
  void aGroupWithNothingBeforeItsBarPrintsNothingAndOnlyTheFirstBarSplits() throws Exception {
    assertThat(RemedyTemplate.render("a[|b]c", Profile.empty())).isEqualTo("ac");
    assertThat(RemedyTemplate.render("[{api.port}|x|y]", Profile.empty())).isEqualTo("x|y");
    assertThat(
            RemedyTemplate.render(
                "[{api.port}|x|y]", profile(Map.of("api.url", "http://api.test:81"))))
        .isEqualTo("81");
  }

  @Test
  void aUrlWithoutAPortTakesItsSchemesPortAndEveryPartReadsAsAPhraseWhenMissing() throws Exception {
    Profile p =
        profile(
            Map.of(
                "api.url", "http://api.test",
                "gateway.url", "https://gw.test/path",
                "dns.resolvers", "10.0.0.2,10.0.0.3"));

    assertThat(RemedyTemplate.render("{api.port} {api.url} {api.scheme}", p))
        .isEqualTo("80 http://api.test:80 HTTP");
    assertThat(RemedyTemplate.render("{gateway.port} {gateway.url} {gateway.scheme}", p))
        .isEqualTo("443 https://gw.test:443 HTTPS");
    assertThat(RemedyTemplate.render("{dns.resolver} / {dns.resolvers}", p))
        .isEqualTo("10.0.0.2 / 10.0.0.2 10.0.0.3");
    assertThat(
            RemedyTemplate.render(
                "{api.url}, {gateway.address}, {backend.host}, {admin.scheme}, {management.port},"
                    + " {dns.resolver}",
                Profile.empty()))
        .isEqualTo(
            "the API's URL, the gateway's host and port, the 3scale backend's host, the admin"
                + " portal's scheme, APIcast's management API's port, the gateway's resolver");
  }

  @Test
  void aUrlWithPortZeroSpeaksOfItsSchemesPort() throws Exception {
    Profile p = profile(Map.of("api.url", "http://a.test:0", "gateway.url", "https://g.test:0"));

    assertThat(RemedyTemplate.render("{api.port} {gateway.address}", p)).isEqualTo("80 g.test:443");
  }
}
