package io.threescaledoctor.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VantageInferenceTest {
  @TempDir Path dir;

  private static VantageInference.Decision decide(String... keyValues) throws Exception {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      o.put(keyValues[i], keyValues[i + 1]);
    }
    return VantageInference.decide(
        new ProfileLoader(k -> null).fromOverrides(o), Duration.ofSeconds(1));
  }

  @Test
  void aGatewayUrlOnThisHostMeansTheDoctorRunsOnTheGateway() throws Exception {
    VantageInference.Decision d = decide("gateway.url", "http://127.0.0.1:8080");

    assertThat(d.vantage()).isEqualTo(Profile.Vantage.GATEWAY);
    assertThat(d.inferredFrom())
        .isEqualTo("gateway.url's host 127.0.0.1 is an address of this host");
  }

  @Test
  void aNamePinnedToThisHostCountsToo() throws Exception {
    VantageInference.Decision d =
        decide(
            "gateway.url", "https://api.example.test", "network.resolve", "api.example.test:::1");

    assertThat(d.vantage()).isEqualTo(Profile.Vantage.GATEWAY);
    assertThat(d.inferredFrom()).contains("api.example.test");
  }

  @Test
  void anExplicitVantageAlwaysWins() throws Exception {
    VantageInference.Decision d =
        decide("gateway.url", "http://127.0.0.1:8080", "vantage", "client");

    assertThat(d.vantage()).isEqualTo(Profile.Vantage.CLIENT);
    assertThat(d.inferredFrom()).isNull();
  }

  @Test
  void localGatewayFilesMeanTheGatewayHostWhenNoUrlSaysOtherwise() throws Exception {
    Path log = Files.writeString(dir.resolve("error.log"), "");

    VantageInference.Decision d = decide("gateway.errorLog", log.toString());

    assertThat(d.vantage()).isEqualTo(Profile.Vantage.GATEWAY);
    assertThat(d.inferredFrom()).isEqualTo("gateway.errorLog " + log + " is a file on this host");
  }

  @Test
  void aGatewayElsewhereMakesLocalLogFilesCopiesNotTheGatewayHost() throws Exception {
    Path log = Files.writeString(dir.resolve("error.log"), "");

    // 192.0.2.0/24 is TEST-NET-1: never an address of this host.
    VantageInference.Decision d =
        decide("gateway.url", "http://192.0.2.10", "gateway.errorLog", log.toString());

    assertThat(d.vantage()).isEqualTo(Profile.Vantage.CLIENT);
  }

  @Test
  void missingFilesAndNoUrlLeaveTheDefault() throws Exception {
    VantageInference.Decision d =
        decide(
            "gateway.errorLog",
            dir.resolve("absent.log").toString(),
            "api.url",
            "http://127.0.0.1");

    assertThat(d.vantage()).isEqualTo(Profile.Vantage.CLIENT);
    assertThat(d.inferredFrom()).isNull();
  }
}
