package io.threescaledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threescaledoctor.checks.system.MariaDbServer;
import io.threescaledoctor.checks.system.SystemSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code db} and {@code run} against a real MariaDB holding a system database whose purges stopped.
 */
class DbCommandTest {
  private static final String PASSWORD = "SENTINEL-DB-PASSWORD-0003";
  private static MariaDbServer mariadb;
  private static String url;

  private record Run(int code, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    mariadb = MariaDbServer.start();
    mariadb.createDatabase("system");
    SystemSchema.grown(mariadb, "system");
    mariadb.createReadOnlyUser("system", "doctor", PASSWORD);
    url = mariadb.url("system");
  }

  @AfterAll
  static void stop() throws Exception {
    mariadb.close();
  }

  private static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err), env);
    assertThat(out.toString() + err).doesNotContain(PASSWORD);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void surveysTheTablesWithThePasswordFromTheEnvironment() {
    Run r =
        run(
            Map.of(DbCommand.PASSWORD_VARIABLE, PASSWORD, DbCommand.USER_VARIABLE, "doctor"),
            "db",
            "--url",
            url,
            "--no-color");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("system.db")
        .contains("system-purge-not-running")
        .contains("4 older than three months, 3 missed")
        .contains("DELETE FROM alerts WHERE timestamp < NOW() - INTERVAL 14 DAY;")
        .contains("JDBC read-only");
  }

  @Test
  void writesTheSurveyAsTheJsonReport() throws Exception {
    Run r =
        run(
            Map.of(),
            "db",
            "--url",
            url,
            "--user",
            "doctor",
            "--set",
            "system.password=" + PASSWORD,
            "--format",
            "json");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(r.out()).path("results").get(0);
    assertThat(result.path("id").asText()).isEqualTo("system.db");
    assertThat(result.path("hop").asText()).isEqualTo("3scale");
    assertThat(result.path("cause").asText()).isEqualTo("system-purge-not-running");
    assertThat(result.path("evidence").path("alerts").asText()).contains("3 older than 14 days");
    assertThat(result.path("evidence").path("purgeSql").asText()).startsWith("DELETE FROM alerts");
  }

  @Test
  void runIncludesTheSurveyWhenTheProfileNamesTheDatabase() throws Exception {
    Run r =
        run(
            Map.of("DB_PASSWORD", PASSWORD),
            "run",
            "--set",
            "system.database=" + url,
            "--set",
            "system.user=doctor",
            "--set",
            "system.password=" + PASSWORD,
            "--format",
            "json");

    JsonNode report = new ObjectMapper().readTree(r.out());
    assertThat(report.path("results").findValuesAsText("id")).contains("system.db");
    assertThat(report.path("diagnosis").path("status").asText()).isEqualTo("DEGRADED");
    assertThat(r.code()).isZero();
  }

  @Test
  void printsOraclesSqlWithoutConnecting() {
    Run r =
        run(Map.of(), "db", "--print-sql", "--url", "jdbc:oracle:thin:@//db.example.com:1521/SYS");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("the SQL for Oracle")
        .contains("FROM user_tables t WHERE t.table_name IN ('USER_SESSIONS'")
        .contains("SUM(CASE WHEN created_at < ADD_MONTHS(SYSDATE, -3) THEN 1 ELSE 0 END)")
        .contains("-- DELETE FROM alerts WHERE timestamp <= TRUNC(SYSDATE) - 14;");
  }

  @Test
  void rejectsAMissingOrForeignUrlInOneLine() {
    Run none = run(Map.of(), "db");
    Run foreign = run(Map.of(), "db", "--url", "jdbc:sqlserver://db:1433;password=" + PASSWORD);

    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err().strip())
        .isEqualTo("3scale-doctor: give --url JDBC-URL, or set system.database in the profile");
    assertThat(foreign.code()).isEqualTo(2);
    assertThat(foreign.err())
        .contains("system.database")
        .contains("is not a JDBC URL")
        .hasLineCount(1);
  }

  @Test
  void isInconclusiveWhenTheDatabaseRefusesTheLogin() {
    Run r =
        run(
            Map.of(DbCommand.PASSWORD_VARIABLE, "SENTINEL-WRONG-0004"),
            "db",
            "--url",
            url,
            "--user",
            "doctor");

    assertThat(r.code()).isEqualTo(4);
    assertThat(r.out())
        .contains("the database refused user 'doctor'")
        .doesNotContain("SENTINEL-WRONG-0004");
  }
}
