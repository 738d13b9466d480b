package io.threescaledoctor.checks.system;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL the doctor runs (and prints) for each kind of system database. Every statement reads; the
 * only write, the guide's purge of {@code alerts}, is text for a database administrator and is
 * never executed. Ages are measured against the database's own clock, as the purges themselves are.
 */
public enum DatabaseFlavour {
  MYSQL("MySQL/MariaDB"),
  POSTGRESQL("PostgreSQL"),
  ORACLE("Oracle");

  private final String label;

  DatabaseFlavour(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The guide's statement (§1.5.3) that deletes alerts older than 14 days. */
  public String alertsPurge() {
    return "DELETE FROM alerts WHERE " + alertsPastRetention() + ";";
  }

  private String alertsPastRetention() {
    return switch (this) {
      case MYSQL -> "timestamp < NOW() - INTERVAL 14 DAY";
      case POSTGRESQL -> "timestamp < NOW() - INTERVAL '14 day'";
      case ORACLE -> "timestamp <= TRUNC(SYSDATE) - 14";
    };
  }

  /** The moment {@code months} and {@code days} before now, in this database's SQL. */
  String before(int months, int days) {
    return switch (this) {
      case MYSQL ->
          "NOW()"
              + (months > 0 ? " - INTERVAL " + months + " MONTH" : "")
              + (days > 0 ? " - INTERVAL " + days + " DAY" : "");
      case POSTGRESQL ->
          "NOW() - INTERVAL '"
              + ((months > 0 ? months + " month " : "") + (days > 0 ? days + " day" : "")).trim()
              + "'";
      case ORACLE ->
          (months > 0 ? "ADD_MONTHS(SYSDATE, -" + months + ")" : "SYSDATE")
              + (days > 0 ? " - " + days : "");
    };
  }

  /** The rows the scheduled purge (or the guide's manual one, for alerts) would delete now. */
  public String pastRetention(GrowingTable t) {
    if (t == GrowingTable.ALERTS) {
      return alertsPastRetention();
    }
    String cutoff = before(t.retentionMonths(), t.retentionDays());
    if (t == GrowingTable.USER_SESSIONS) {
      // porta's UserSession.stale: revoked, or not used within the session TTL.
      return "(revoked_at IS NOT NULL OR accessed_at < " + cutoff + ")";
    }
    return t.ageColumn() + " < " + cutoff;
  }

  /**
   * The rows a purge running on schedule would already have deleted: past retention for longer than
   * one purge interval.
   */
  public String overdue(GrowingTable t) {
    if (!t.scheduled()) {
      return pastRetention(t);
    }
    String cutoff = before(t.retentionMonths(), t.retentionDays() + t.purgeEveryDays());
    if (t == GrowingTable.USER_SESSIONS) {
      return "(revoked_at < " + before(0, t.purgeEveryDays()) + " OR accessed_at < " + cutoff + ")";
    }
    return t.ageColumn() + " < " + cutoff;
  }

  /** One pass over the table: rows, oldest age value, its age in days, past retention, overdue. */
  public String survey(GrowingTable t) {
    String oldest = "MIN(" + t.ageColumn() + ")";
    return "SELECT COUNT(*), "
        + oldest
        + ", "
        + ageInDays(oldest)
        + ", SUM(CASE WHEN "
        + pastRetention(t)
        + " THEN 1 ELSE 0 END), SUM(CASE WHEN "
        + overdue(t)
        + " THEN 1 ELSE 0 END) FROM "
        + t.table();
  }

  private String ageInDays(String expression) {
    return switch (this) {
      case MYSQL -> "TIMESTAMPDIFF(DAY, " + expression + ", NOW())";
      case POSTGRESQL ->
          "CAST(FLOOR(EXTRACT(EPOCH FROM (NOW() - " + expression + ")) / 86400) AS BIGINT)";
      case ORACLE -> "TRUNC(SYSDATE - CAST(" + expression + " AS DATE))";
    };
  }

  /** How many rows past retention, as one line an engineer can paste into the database client. */
  public String countPastRetention(GrowingTable t) {
    return "SELECT COUNT(*) FROM " + t.table() + " WHERE " + pastRetention(t);
  }

  /**
   * Which of {@code tables} exist in the connected schema, with their size on disk in bytes where
   * the database reports it (table and indexes; MySQL's figure is InnoDB's estimate).
   */
  public String catalog(List<GrowingTable> tables) {
    String lower =
        tables.stream().map(t -> "'" + t.table() + "'").collect(Collectors.joining(", "));
    String upper =
        tables.stream()
            .map(t -> "'" + t.table().toUpperCase() + "'")
            .collect(Collectors.joining(", "));
    return switch (this) {
      case MYSQL ->
          "SELECT table_name, data_length + index_length FROM information_schema.tables"
              + " WHERE table_schema = DATABASE() AND table_name IN ("
              + lower
              + ")";
      case POSTGRESQL ->
          "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c"
              + " JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()"
              + " AND c.relname IN ("
              + lower
              + ")";
      case ORACLE ->
          "SELECT LOWER(t.table_name), (SELECT SUM(s.bytes) FROM user_segments s"
              + " WHERE s.segment_name = t.table_name) FROM user_tables t WHERE t.table_name IN ("
              + upper
              + ")";
    };
  }

  /** Makes every later transaction of the session read-only, whatever the user may do. */
  String readOnlySession() {
    return switch (this) {
      case MYSQL -> "SET SESSION TRANSACTION READ ONLY";
      case POSTGRESQL -> "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY";
      case ORACLE -> "SET TRANSACTION READ ONLY";
    };
  }

  /** Queries that read back whether the session is read-only; the first one the server knows. */
  List<String> readOnlyProbes() {
    return switch (this) {
      case MYSQL ->
          List.of("SELECT @@session.transaction_read_only", "SELECT @@session.tx_read_only");
      case POSTGRESQL -> List.of("SHOW transaction_read_only");
      case ORACLE -> List.of();
    };
  }
}
