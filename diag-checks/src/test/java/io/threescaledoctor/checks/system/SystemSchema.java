package io.threescaledoctor.checks.system;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The five growing tables of the 3scale system database, with the columns porta's schema gives them
 * (a realistic subset), filled with rows of known ages. {@link #grown} is a database whose purges
 * stopped: each table has recent rows, rows past retention that the next scheduled purge will
 * delete, and rows a purge running on schedule would already have deleted.
 */
public final class SystemSchema {
  /** Expected counts of {@link #grown}, per table: rows, past retention, overdue. */
  static final long[] USER_SESSIONS = {5, 4, 2};

  static final long[] AUDITS = {5, 4, 3};
  static final long[] LOG_ENTRIES = {3, 2, 1};
  static final long[] EVENT_STORE_EVENTS = {4, 3, 2};
  static final long[] ALERTS = {5, 3, 3};

  private SystemSchema() {}

  static void create(LocalDatabaseServer server, String database) throws SQLException {
    server.execute(
        database,
        server.ddl(
            "CREATE TABLE user_sessions (id {id}, user_id BIGINT, "
                + keyColumn(server)
                + " VARCHAR(255), ip VARCHAR(255), user_agent VARCHAR(255), accessed_at {ts}, revoked_at {ts},"
                + " created_at {ts} NOT NULL, updated_at {ts} NOT NULL, secured_until {ts},"
                + " sso_authorization_id BIGINT)"),
        server.ddl(
            "CREATE TABLE audits (id {id}, auditable_id BIGINT, auditable_type VARCHAR(255),"
                + " user_id BIGINT, user_type VARCHAR(255), username VARCHAR(255),"
                + " action VARCHAR(255), version INT DEFAULT 0, created_at {ts}, tenant_id BIGINT,"
                + " provider_id BIGINT, kind VARCHAR(255), audited_changes TEXT,"
                + " request_uuid VARCHAR(255))"),
        server.ddl(
            "CREATE TABLE log_entries (id {id}, tenant_id BIGINT, provider_id BIGINT,"
                + " buyer_id BIGINT, level INT DEFAULT 10, description TEXT,"
                + " created_at {ts}, updated_at {ts})"),
        server.ddl(
            "CREATE TABLE event_store_events (id {id}, stream VARCHAR(255) NOT NULL,"
                + " event_type VARCHAR(255) NOT NULL, event_id VARCHAR(255) NOT NULL,"
                + " metadata TEXT, data TEXT, created_at {ts} NOT NULL, provider_id BIGINT,"
                + " tenant_id BIGINT)"),
        server.ddl(
            "CREATE TABLE alerts (id {id}, account_id BIGINT NOT NULL, timestamp {ts} NOT NULL,"
                + " state VARCHAR(255) NOT NULL, cinstance_id BIGINT NOT NULL,"
                + " utilization DECIMAL(6,2) NOT NULL, level INT NOT NULL, alert_id BIGINT NOT NULL,"
                + " message TEXT, tenant_id BIGINT, service_id BIGINT)"),
        "CREATE INDEX index_audits_on_created_at ON audits (created_at)",
        "CREATE INDEX index_alerts_on_timestamp ON alerts (timestamp)");
  }

  /** A database whose scheduled purges stopped and whose alerts were never purged. */
  public static void grown(LocalDatabaseServer s, String database) throws SQLException {
    create(s, database);
    List<String> inserts = new ArrayList<>();
    // user_sessions: active; unused 17 days (past 2 weeks, next weekly purge takes it); unused 30
    // days (overdue); revoked 2 days ago (next purge); revoked 10 days ago (overdue).
    inserts.add(session(s, s.ago(0, 1, 0), null));
    inserts.add(session(s, s.ago(0, 17, 0), null));
    inserts.add(session(s, s.ago(0, 30, 0), null));
    inserts.add(session(s, s.ago(0, 1, 0), s.ago(0, 2, 0)));
    inserts.add(session(s, s.ago(0, 11, 0), s.ago(0, 10, 0)));
    // audits: 10 days; 3 months and 12 hours (past retention, within the daily purge's day);
    // three of 200 days.
    for (String at :
        List.of(
            s.ago(0, 10, 0),
            s.ago(3, 0, 12),
            s.ago(0, 200, 0),
            s.ago(0, 200, 0),
            s.ago(0, 200, 0))) {
      inserts.add(
          "INSERT INTO audits (auditable_id, auditable_type, action, version, created_at,"
              + " provider_id, kind, audited_changes) VALUES (7, 'Service', 'update', 1, "
              + at
              + ", 2, 'Service', '---\nname: [old, new]')");
    }
    // log_entries: 30 days; 6 months and 12 hours; 400 days.
    for (String at : List.of(s.ago(0, 30, 0), s.ago(6, 0, 12), s.ago(0, 400, 0))) {
      inserts.add(
          "INSERT INTO log_entries (provider_id, level, description, created_at, updated_at)"
              + " VALUES (2, 10, 'Application key was regenerated', "
              + at
              + ", "
              + at
              + ")");
    }
    // event_store_events: 1 day; 7 days and 12 hours; two of 20 days.
    for (String at : List.of(s.ago(0, 1, 0), s.ago(0, 7, 12), s.ago(0, 20, 0), s.ago(0, 20, 0))) {
      inserts.add(
          "INSERT INTO event_store_events (stream, event_type, event_id, data, created_at,"
              + " provider_id) VALUES ('Service-7', 'Services::ServiceUpdatedEvent',"
              + " 'e-1', '{}', "
              + at
              + ", 2)");
    }
    // alerts: 1, 13, 15, 40 and 400 days: three older than 14 days.
    for (String at :
        List.of(
            s.ago(0, 1, 0), s.ago(0, 13, 0), s.ago(0, 15, 0), s.ago(0, 40, 0), s.ago(0, 400, 0))) {
      inserts.add(
          "INSERT INTO alerts (account_id, timestamp, state, cinstance_id, utilization, level,"
              + " alert_id, message, service_id) VALUES (5, "
              + at
              + ", 'unread', 11, 95.00, 90, 1, 'hits per minute: 95%', 7)");
    }
    s.execute(database, inserts.toArray(String[]::new));
  }

  /** A database whose purges keep up: only recent rows. */
  public static void tidy(LocalDatabaseServer s, String database) throws SQLException {
    create(s, database);
    s.execute(
        database,
        session(s, s.ago(0, 3, 0), null),
        "INSERT INTO audits (action, created_at) VALUES ('create', " + s.ago(0, 20, 0) + ")",
        "INSERT INTO log_entries (description, created_at) VALUES ('x', " + s.ago(1, 0, 0) + ")",
        "INSERT INTO event_store_events (stream, event_type, event_id, data, created_at) VALUES"
            + " ('s', 't', 'e', '{}', "
            + s.ago(0, 2, 0)
            + ")",
        "INSERT INTO alerts (account_id, timestamp, state, cinstance_id, utilization, level,"
            + " alert_id) VALUES (5, "
            + s.ago(0, 3, 0)
            + ", 'unread', 11, 80.00, 80, 2)");
  }

  /** {@code key} is a reserved word in MySQL. */
  private static String keyColumn(LocalDatabaseServer s) {
    return s.flavour() == DatabaseFlavour.MYSQL ? "`key`" : "key";
  }

  private static String session(LocalDatabaseServer s, String accessedAt, String revokedAt) {
    return "INSERT INTO user_sessions (user_id, "
        + keyColumn(s)
        + ", ip, accessed_at, revoked_at, created_at, updated_at) VALUES (3, 'k', '10.0.0.9', "
        + accessedAt
        + ", "
        + (revokedAt == null ? "NULL" : revokedAt)
        + ", "
        + accessedAt
        + ", "
        + accessedAt
        + ")";
  }
}
