package io.threescaledoctor.checks.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.checks.threescale.CheckRuns;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.report.JsonReportRenderer;
import io.threescaledoctor.core.report.TextReportRenderer;
import io.threescaledoctor.core.testing.FreePorts;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Against real MariaDB and PostgreSQL 15 servers holding the guide's tables with rows of known
 * ages; the doctor connects as a user that may only read.
 */
class SystemDatabaseCheckTest {
  private static final String PASSWORD = "SENTINEL-DB-PASSWORD-0001";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static MariaDbServer mariadb;
  private static PostgresServer postgres;

  @BeforeAll
  static void startServers() throws Exception {
    mariadb = MariaDbServer.start();
    postgres = PostgresServer.start();
  }

  @AfterAll
  static void stopServers() throws Exception {
    try (LocalDatabaseServer a = mariadb;
        LocalDatabaseServer b = postgres) {
      // closed in reverse order, each by its process id
    }
  }

  static Stream<LocalDatabaseServer> servers() {
    return Stream.of(mariadb, postgres);
  }

  /** A fresh database filled by {@code fill}, readable by the user {@code doctor}. */
  private static String database(LocalDatabaseServer server, Filler fill) throws SQLException {
    String name = "system" + DATABASES.incrementAndGet();
    server.createDatabase(name);
    fill.fill(server, name);
    server.createReadOnlyUser(name, "doctor", PASSWORD);
    return name;
  }

  interface Filler {
    void fill(LocalDatabaseServer server, String database) throws SQLException;
  }

  private static Diagnosis survey(String url, String user, String password) {
    Diagnosis d =
        CheckRuns.run(
            CheckRuns.profile(
                "system.database",
                url,
                "system.user",
                user,
                "system.password",
                password,
                "timeouts.connect",
                "5s",
                "timeouts.read",
                "10s"),
            new SystemDatabaseCheck());
    if (!password.isEmpty()) {
      assertNoPassword(d, password);
    }
    return d;
  }

  private static void assertNoPassword(Diagnosis d, String password) {
    StringWriter out = new StringWriter();
    try {
      new TextReportRenderer(false, true).render(d, out);
      new JsonReportRenderer().render(d, out);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertThat(out.toString()).doesNotContain(password);
  }

  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("servers")
  void countsEveryTableAndWarnsThatThePurgesStopped(LocalDatabaseServer server) throws Exception {
    String db = database(server, SystemSchema::grown);

    CheckResult r = CheckRuns.result(survey(server.url(db), "doctor", PASSWORD), "system.db");

    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.hop()).isEqualTo(Hop.THREESCALE);
    assertThat(r.cause()).contains("system-purge-not-running");
    assertThat(r.summary())
        .contains("2 rows of user_sessions are older than two weeks plus a purge interval")
        .contains("3 rows of audits")
        .contains("1 row of log_entries is older than six months")
        .contains("2 rows of event_store_events")
        .contains("3 alerts are older than 14 days");
    Map<String, String> e = r.evidence();
    assertThat(e.get("userSessions"))
        .startsWith("5 rows; oldest ")
        .contains("(30 days)")
        .contains("4 older than two weeks, 2 missed by the purge that runs once a week");
    assertThat(e.get("audits"))
        .startsWith("5 rows; oldest ")
        .contains("(200 days)")
        .contains("4 older than three months, 3 missed by the purge that runs once a day");
    assertThat(e.get("logEntries"))
        .startsWith("3 rows;")
        .contains("(400 days)")
        .contains("2 older than six months, 1 missed");
    assertThat(e.get("eventStoreEvents"))
        .startsWith("4 rows;")
        .contains("(20 days)")
        .contains("3 older than a week, 2 missed by the purge that runs once a week");
    assertThat(e.get("alerts"))
        .startsWith("5 rows;")
        .contains("(400 days)")
        .contains("3 older than 14 days (nothing purges this table)");
    for (String table : new String[] {"userSessions", "audits", "alerts"}) {
      assertThat(e.get(table)).matches(".*; [0-9.]+ (B|KiB|MiB) on disk");
    }
    assertThat(e.get("findings")).contains("system-alerts-need-purge: 3 alerts");
    assertThat(e.get("server"))
        .containsIgnoringCase(server.flavour() == DatabaseFlavour.MYSQL ? "MariaDB" : "PostgreSQL");
    assertThat(e.get("user")).isEqualTo("doctor");
    assertThat(r.reproduce().orElseThrow())
        .startsWith(
            server.flavour() == DatabaseFlavour.MYSQL
                ? "mysql -h 127.0.0.1 -P "
                : "psql 'host=127.0.0.1 port=")
        .contains("SELECT COUNT(*) FROM user_sessions WHERE (revoked_at IS NOT NULL OR");
  }

  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("servers")
  void printsTheGuidesPurgeWhichDeletesExactlyTheAlertsCounted(LocalDatabaseServer server)
      throws Exception {
    String db = database(server, SystemSchema::grown);

    CheckResult r = CheckRuns.result(survey(server.url(db), "doctor", PASSWORD), "system.db");

    String purge = r.evidence().get("purgeSql");
    assertThat(purge)
        .isEqualTo(
            server.flavour() == DatabaseFlavour.MYSQL
                ? "DELETE FROM alerts WHERE timestamp < NOW() - INTERVAL 14 DAY;"
                : "DELETE FROM alerts WHERE timestamp < NOW() - INTERVAL '14 day';");
    long counted =
        Long.parseLong(
            r.evidence().get("alerts").replaceAll(".*; (\\d+) older than 14 days.*", "$1"));
    assertThat(counted).isEqualTo(SystemSchema.ALERTS[1]);
    try (Connection c = server.administrator(db)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        int deleted = s.executeUpdate(purge.substring(0, purge.length() - 1));
        assertThat(deleted).as("rows the guide's statement deletes").isEqualTo(counted);
        assertThat(count(s, "SELECT COUNT(*) FROM alerts"))
            .isEqualTo(SystemSchema.ALERTS[0] - counted);
      } finally {
        c.rollback();
      }
      try (Statement s = c.createStatement()) {
        assertThat(count(s, "SELECT COUNT(*) FROM alerts")).isEqualTo(SystemSchema.ALERTS[0]);
      }
    }
    assertThat(r.remedy()).isPresent();
  }

  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("servers")
  void readsInAReadOnlySessionAndWritesNothingEvenAsAUserWhoMayWrite(LocalDatabaseServer server)
      throws Exception {
    String db = database(server, SystemSchema::grown);
    String admin = server.flavour() == DatabaseFlavour.MYSQL ? "root" : "postgres";
    String adminPassword =
        server.flavour() == DatabaseFlavour.MYSQL ? "" : PostgresServer.ADMIN_PASSWORD;
    Map<String, Long> before = writeCounters(server, db);

    CheckResult asReader =
        CheckRuns.result(survey(server.url(db), "doctor", PASSWORD), "system.db");
    CheckResult asWriter =
        CheckRuns.result(survey(server.url(db), admin, adminPassword), "system.db");

    assertThat(writeCounters(server, db)).as("server-side write counters").isEqualTo(before);
    for (CheckResult r : new CheckResult[] {asReader, asWriter}) {
      assertThat(r.status()).isEqualTo(Status.WARN);
      assertThat(r.evidence().get("readOnly"))
          .startsWith("JDBC read-only, server ")
          .matches(
              server.flavour() == DatabaseFlavour.MYSQL
                  ? ".*(transaction_read_only|tx_read_only)=1"
                  : ".*transaction_read_only=on");
    }
    // The statement the doctor's session runs first makes the server refuse writes to anyone.
    try (Connection c = server.administrator(db);
        Statement s = c.createStatement()) {
      s.execute(server.flavour().readOnlySession());
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> s.executeUpdate("DELETE FROM alerts"))
          .isInstanceOf(SQLException.class)
          .hasMessageMatching("(?is).*read.only.*");
    }
  }

  /**
   * What changes when anyone writes: MariaDB's statement counters; PostgreSQL's next transaction id
   * (a read-only transaction never takes one).
   */
  private static Map<String, Long> writeCounters(LocalDatabaseServer server, String db)
      throws SQLException {
    Map<String, Long> counters = new LinkedHashMap<>();
    try (Connection c = server.administrator(db);
        Statement s = c.createStatement()) {
      if (server.flavour() == DatabaseFlavour.MYSQL) {
        try (ResultSet rs =
            s.executeQuery(
                "SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_insert', 'Com_update',"
                    + " 'Com_delete', 'Com_replace', 'Com_create_table', 'Com_drop_table',"
                    + " 'Com_alter_table', 'Com_truncate', 'Handler_write', 'Handler_delete',"
                    + " 'Handler_update')")) {
          while (rs.next()) {
            counters.put(rs.getString(1), rs.getLong(2));
          }
        }
      } else {
        counters.put(
            "nextXid", count(s, "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint"));
      }
    }
    return counters;
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("servers")
  void passesWhenThePurgesKeepUp(LocalDatabaseServer server) throws Exception {
    String db = database(server, SystemSchema::tidy);

    CheckResult r = CheckRuns.result(survey(server.url(db), "doctor", PASSWORD), "system.db");

    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.summary()).contains("the scheduled purges keep up").contains("5 of 5 tables");
    assertThat(r.evidence()).doesNotContainKey("purgeSql");
    assertThat(r.evidence().get("audits"))
        .startsWith("1 row;")
        .contains("0 older than three months, 0 missed");
  }

  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("servers")
  void oldAlertsAloneAskForTheGuidesManualPurge(LocalDatabaseServer server) throws Exception {
    String db =
        database(
            server,
            (s, name) -> {
              SystemSchema.tidy(s, name);
              s.execute(
                  name,
                  "INSERT INTO alerts (account_id, timestamp, state, cinstance_id, utilization,"
                      + " level, alert_id) VALUES (5, "
                      + s.ago(0, 30, 0)
                      + ", 'unread', 11, 100.00, 100, 3)");
            });

    CheckResult r = CheckRuns.result(survey(server.url(db), "doctor", PASSWORD), "system.db");

    assertThat(r.status()).isEqualTo(Status.WARN);
    assertThat(r.cause()).contains("system-alerts-need-purge");
    assertThat(r.summary()).startsWith("1 alert is older than 14 days and nothing purges them");
    assertThat(r.remedy()).get().asString().contains(server.flavour().alertsPurge());
    assertThat(r.reproduce().orElseThrow())
        .contains("SELECT COUNT(*) FROM alerts WHERE timestamp <");
  }

  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("servers")
  void saysATableIsAbsentAndCountsTheOthers(LocalDatabaseServer server) throws Exception {
    String db =
        database(
            server,
            (s, name) -> {
              SystemSchema.tidy(s, name);
              s.execute(name, "DROP TABLE event_store_events");
            });

    CheckResult r = CheckRuns.result(survey(server.url(db), "doctor", PASSWORD), "system.db");

    assertThat(r.status()).isEqualTo(Status.PASS);
    assertThat(r.evidence().get("eventStoreEvents")).isEqualTo("absent from this schema");
    assertThat(r.summary()).contains("4 of 5 tables");
  }

  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("servers")
  void isAnErrorOnADatabaseWithoutTheSystemTables(LocalDatabaseServer server) throws Exception {
    String db = database(server, (s, name) -> s.execute(name, "CREATE TABLE accounts (id INT)"));

    CheckResult r = CheckRuns.result(survey(server.url(db), "doctor", PASSWORD), "system.db");

    assertThat(r.status()).isEqualTo(Status.ERROR);
    assertThat(r.summary()).contains("is this the 3scale system database");
  }

  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("servers")
  void isAnErrorNamingTheUserWhenThePasswordIsWrong(LocalDatabaseServer server) throws Exception {
    String db = database(server, SystemSchema::tidy);
    String wrong = "SENTINEL-WRONG-PASSWORD-0002";

    CheckResult r = CheckRuns.result(survey(server.url(db), "doctor", wrong), "system.db");

    assertThat(r.status()).isEqualTo(Status.ERROR);
    assertThat(r.summary())
        .startsWith("the database refused user 'doctor'")
        .contains("system.password");
    assertThat(r.evidence().get("sqlState")).startsWith("28");
  }

  @Test
  void explainsHowToConnectToAMariaDbWithoutTls() throws Exception {
    String db = database(mariadb, SystemSchema::tidy);
    String withoutSslMode = mariadb.url(db).replace("?sslMode=disable", "");

    CheckResult r = CheckRuns.result(survey(withoutSslMode, "doctor", PASSWORD), "system.db");

    assertThat(r.status()).isEqualTo(Status.ERROR);
    assertThat(r.summary()).contains("offers no TLS").contains("sslMode=disable");
  }

  @Test
  void failsAsUnreachableWhenNothingListens() throws Exception {
    try (FreePorts.RefusingPort refusing = FreePorts.refusing()) {
      int port = refusing.port();
      for (String url :
          new String[] {
            "jdbc:mysql://127.0.0.1:" + port + "/system",
            "jdbc:postgresql://127.0.0.1:" + port + "/system"
          }) {
        CheckResult r = CheckRuns.result(survey(url, "doctor", PASSWORD), "system.db");
        assertThat(r.status()).as(url).isEqualTo(Status.FAIL);
        assertThat(r.cause()).contains("system-database-unreachable");
        assertThat(r.summary())
            .contains("cannot reach the system database at 127.0.0.1:" + port + "/system");
      }
    }
  }

  @Test
  void oracleWithoutItsDriverIsAnErrorThatPointsAtThePrintedQueries() {
    CheckResult r =
        CheckRuns.result(
            survey("jdbc:oracle:thin:@//127.0.0.1:1521/SYSTEM", "doctor", PASSWORD), "system.db");

    assertThat(r.status()).isEqualTo(Status.ERROR);
    assertThat(r.summary()).contains("no Oracle JDBC driver").contains("--print-sql");
  }

  @Test
  void skipsNamingTheKeyWhenNoDatabaseIsConfigured() {
    CheckResult r =
        CheckRuns.result(
            CheckRuns.run(CheckRuns.profile(), new SystemDatabaseCheck()), "system.db");

    assertThat(r.status()).isEqualTo(Status.SKIP);
    assertThat(r.summary()).contains("system.database");
  }
}
