package io.threescaledoctor.checks.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The SQL per flavour. MySQL/MariaDB and PostgreSQL run against real servers in {@link
 * SystemDatabaseCheckTest}; Oracle's is only documented here, since no Oracle server runs here.
 */
class DatabaseFlavourTest {

  @Test
  void purgesAlertsWithTheGuidesStatementForEachDatabase() {
    assertThat(DatabaseFlavour.MYSQL.alertsPurge())
        .isEqualTo("DELETE FROM alerts WHERE timestamp < NOW() - INTERVAL 14 DAY;");
    assertThat(DatabaseFlavour.POSTGRESQL.alertsPurge())
        .isEqualTo("DELETE FROM alerts WHERE timestamp < NOW() - INTERVAL '14 day';");
    assertThat(DatabaseFlavour.ORACLE.alertsPurge())
        .isEqualTo("DELETE FROM alerts WHERE timestamp <= TRUNC(SYSDATE) - 14;");
  }

  @Test
  void countsOracleRowsWithDateArithmetic() {
    assertThat(DatabaseFlavour.ORACLE.survey(GrowingTable.AUDITS))
        .isEqualTo(
            "SELECT COUNT(*), MIN(created_at), TRUNC(SYSDATE - CAST(MIN(created_at) AS DATE)),"
                + " SUM(CASE WHEN created_at < ADD_MONTHS(SYSDATE, -3) THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN created_at < ADD_MONTHS(SYSDATE, -3) - 1 THEN 1 ELSE 0 END)"
                + " FROM audits");
    assertThat(DatabaseFlavour.ORACLE.catalog(java.util.List.of(GrowingTable.ALERTS)))
        .contains("FROM user_tables t WHERE t.table_name IN ('ALERTS')");
  }

  @Test
  void givesEachScheduledPurgeOneIntervalOfGrace() {
    assertThat(DatabaseFlavour.MYSQL.overdue(GrowingTable.LOG_ENTRIES))
        .isEqualTo("created_at < NOW() - INTERVAL 6 MONTH - INTERVAL 1 DAY");
    assertThat(DatabaseFlavour.POSTGRESQL.overdue(GrowingTable.USER_SESSIONS))
        .isEqualTo(
            "(revoked_at < NOW() - INTERVAL '7 day' OR accessed_at < NOW() - INTERVAL '21 day')");
    assertThat(DatabaseFlavour.MYSQL.overdue(GrowingTable.ALERTS))
        .isEqualTo(DatabaseFlavour.MYSQL.pastRetention(GrowingTable.ALERTS));
  }
}
