package io.threescaledoctor.checks.threescale;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.logs.Attribution;
import io.threescaledoctor.checks.logs.ErrorLogAnalyzer;
import io.threescaledoctor.checks.logs.ErrorLogReport;
import io.threescaledoctor.checks.logs.LogFinding;
import io.threescaledoctor.checks.logs.LogSource;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.Diagnoser;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import io.threescaledoctor.core.profile.Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per error code of the 3scale backend, from {@code
 * fixtures/threescale/backend-error-codes.tsv}: the answer apisonator gives with it, what {@code
 * threescale.authorize} makes of it, what the error-log check makes of the APIcast line that
 * carries it, and where the diagnosis puts it. The table is kept apart from the catalog on purpose:
 * a code dropped from the catalog, or given another status or issue, fails here.
 */
class BackendErrorCodesTest {
  /** One row of the table. */
  record Row(String code, int status, String form, String cause, Hop hop, String message) {
    @Override
    public String toString() {
      return code;
    }

    /** The body apisonator writes for this code, as its Error#to_xml or Status#to_xml would. */
    String body() {
      String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
      String text = message.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
      return form.equals("rejection")
          ? xml
              + "<status><authorized>false</authorized><reason>"
              + text
              + "</reason><plan>Basic</plan></status>"
          : xml + "<error code=\"" + code + "\">" + text + "</error>";
    }
  }

  static List<Row> rows() {
    try (InputStream in =
        BackendErrorCodesTest.class.getResourceAsStream(
            "/fixtures/threescale/backend-error-codes.tsv")) {
      List<Row> rows = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", 6);
        rows.add(
            new Row(
                f[0],
                Integer.parseInt(f[1]),
                f[2],
                f[3],
                Hop.byId(f[4]).orElseThrow(() -> new IllegalStateException("hop " + f[4])),
                f[5].strip()));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theTableAndTheCatalogListTheSameCodesInTheSameOrder() {
    assertThat(BackendErrorCatalog.standard().all())
        .extracting(BackendErrorCode::code)
        .containsExactlyElementsOf(rows().stream().map(Row::code).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void theCatalogCarriesTheCodesStatusFormAndIssue(Row row) {
    BackendErrorCode c = BackendErrorCatalog.standard().find(row.code()).orElseThrow();

    assertThat(c.status()).isEqualTo(row.status());
    assertThat(c.form().name().toLowerCase(Locale.ROOT)).isEqualTo(row.form());
    assertThat(c.issue()).isEqualTo(row.cause());
    assertThat(KnownIssueCatalog.standard().find(c.issue()))
        .as("the issue the code points to")
        .hasValueSatisfying(i -> assertThat(i.hop()).isEqualTo(row.hop()));
    if (row.form().equals("rejection")) {
      assertThat(BackendErrorCatalog.standard().byReason(row.message()))
          .as("the reason text finds its code")
          .map(BackendErrorCode::code)
          .contains(row.code());
    } else {
      assertThat(BackendErrorCatalog.standard().byReason(row.message()))
          .as("only rejections are found by their text")
          .isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void authorizeNamesTheCodesCauseWithItsStatusAndRemedy(Row row) {
    BackendErrorCode c = BackendErrorCatalog.standard().find(row.code()).orElseThrow();
    String header = row.form().equals("rejection") ? row.code() : null;

    CheckResult r = ThreescaleAuthorizeCheck.interpret(row.status(), header, row.body());

    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.cause()).contains(row.cause());
    assertThat(r.remedy()).contains(c.remedy());
    assertThat(r.evidence()).containsEntry("status", Integer.toString(row.status()));
    assertThat(r.summary()).contains("HTTP " + row.status()).contains(row.code());
    if (row.form().equals("rejection")) {
      assertThat(r.evidence())
          .containsEntry("rejectionCode", row.code())
          .containsEntry("rejectionCodeFrom", "the 3scale-rejection-reason header")
          .containsEntry("reason", row.message());
      CheckResult byText = ThreescaleAuthorizeCheck.interpret(row.status(), null, row.body());
      assertThat(byText.cause()).as("without the header").contains(row.cause());
      assertThat(byText.evidence())
          .containsEntry("rejectionCode", row.code())
          .containsEntry("rejectionCodeFrom", "the reason text");
    } else {
      assertThat(r.evidence())
          .containsEntry("errorCode", row.code())
          .containsEntry("errorMessage", row.message())
          .containsEntry("meaning", c.meaning())
          .doesNotContainKeys("expectedStatus", "knownCode");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void aCodeArrivingWithAnotherStatusIsStillItsCodeAndTheStatusIsShown(Row row) {
    if (row.form().equals("rejection")) {
      return; // a rejection is a 409 by definition: its code is read from the text
    }
    int other = row.status() == 403 ? 400 : 403;

    CheckResult r = ThreescaleAuthorizeCheck.interpret(other, null, row.body());

    assertThat(r.cause()).contains(row.cause());
    assertThat(r.evidence()).containsEntry("expectedStatus", Integer.toString(row.status()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void apicastsLogLineWithTheAnswerNamesTheSameCauseAtTheSameHop(Row row) {
    String line =
        "2026/11/27 09:14:10 [info] 23#23: *1201 [lua] backend_client.lua:133:"
            + " call_backend_transaction(): backend client uri:"
            + " https://su1.3scale.net:443/transactions/authrep.xml?service_token=st0123456789abcdef"
            + "&service_id=2555417777777&user_key=0000deadbeef0000&usage%5Bhits%5D=1 ok: true"
            + " status: "
            + row.status()
            + " body: "
            + row.body()
            + " error: nil, client: 10.130.2.1, server: _, request: \"GET /v1/orders HTTP/1.1\","
            + " host: \"api.example.com\"\n";

    ErrorLogReport report =
        new ErrorLogAnalyzer(Attribution.builder().build())
            .zone(ZoneOffset.UTC)
            .analyze(
                List.of(
                    LogSource.stream(
                        "apicast",
                        new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)))));

    assertThat(report.findings())
        .extracting(LogFinding::issue, LogFinding::hop)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(row.cause(), row.hop()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void theDiagnosisPutsTheCodeAtItsHopWithItsCause(Row row) {
    CheckResult authorize =
        ThreescaleAuthorizeCheck.interpret(row.status(), null, row.body())
            .withId("backend.threescale.authorize")
            .withHop(new ThreescaleAuthorizeCheck().hop());
    CheckResult link =
        CheckResult.pass("connected").withId("backend.tcp.connect").withHop(Hop.GATEWAY_3SCALE);
    CheckResult client =
        CheckResult.fail("the gateway answered 403")
            .withId("client.request")
            .withHop(Hop.CLIENT)
            .withCause("client-error-status");

    Diagnosis d =
        new Diagnoser(KnownIssueCatalog.standard())
            .diagnose(Instant.EPOCH, 1, Profile.Vantage.CLIENT, List.of(link, authorize, client));

    assertThat(d.likelyFailurePoint()).isEqualTo(row.hop());
    assertThat(d.cause()).isEqualTo(row.cause());
    assertThat(d.otherFailures()).as("the client's failure is 3scale's").isEmpty();
  }
}
