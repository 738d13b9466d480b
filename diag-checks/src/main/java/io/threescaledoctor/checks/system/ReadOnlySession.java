package io.threescaledoctor.checks.system;

import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.Secret;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * A read-only session on the system database. The session is made read-only on the server ({@code
 * SET SESSION TRANSACTION READ ONLY} or its PostgreSQL and Oracle forms) as well as in JDBC, so
 * even a user with write grants cannot change anything through it; every statement has the read
 * timeout as its query timeout.
 */
final class ReadOnlySession implements AutoCloseable {
  private final JdbcTarget target;
  private final Connection connection;
  private final int queryTimeoutSeconds;
  private final String readOnly;

  private ReadOnlySession(
      JdbcTarget target, Connection connection, int queryTimeoutSeconds, String readOnly) {
    this.target = target;
    this.connection = connection;
    this.queryTimeoutSeconds = queryTimeoutSeconds;
    this.readOnly = readOnly;
  }

  /**
   * Connects as {@code user} and makes the session read-only before anything else runs.
   *
   * @throws SQLException when the database cannot be reached, refuses the user, or has no driver
   */
  static ReadOnlySession open(
      JdbcTarget target, String user, Secret password, CheckContext.Timeouts timeouts)
      throws SQLException {
    int connectMillis = Math.max(1, timeouts.connectMillis());
    int queryTimeout = Math.max(1, (timeouts.readMillis() + 999) / 1000);
    // The socket backstop must outlast the query timeout, so the server's cancel wins.
    int socketMillis = queryTimeout * 2000 + 1000;
    Properties props = new Properties();
    if (user != null && !user.isBlank()) {
      props.setProperty("user", user);
    }
    if (password != null && !password.isEmpty()) {
      props.setProperty("password", password.reveal());
    }
    Driver driver;
    switch (target.flavour()) {
      case MYSQL -> {
        props.setProperty("connectTimeout", String.valueOf(connectMillis));
        props.setProperty("socketTimeout", String.valueOf(socketMillis));
        driver = new org.mariadb.jdbc.Driver();
      }
      case POSTGRESQL -> {
        props.setProperty("connectTimeout", String.valueOf((connectMillis + 999) / 1000));
        props.setProperty("loginTimeout", String.valueOf((connectMillis + 999) / 1000));
        props.setProperty("socketTimeout", String.valueOf((socketMillis + 999) / 1000));
        props.setProperty("ApplicationName", "3scale-doctor");
        driver = new org.postgresql.Driver();
      }
      default -> {
        props.setProperty("oracle.net.CONNECT_TIMEOUT", String.valueOf(connectMillis));
        props.setProperty("oracle.jdbc.ReadTimeout", String.valueOf(socketMillis));
        driver = DriverManager.getDriver(target.driverUrl());
      }
    }
    Connection c = driver.connect(target.driverUrl(), props);
    if (c == null) {
      throw new SQLException("the driver does not accept " + target.masked(), "08001");
    }
    try {
      c.setReadOnly(true);
      if (target.flavour() == DatabaseFlavour.ORACLE) {
        c.setAutoCommit(false);
      }
      try (Statement s = c.createStatement()) {
        s.setQueryTimeout(queryTimeout);
        s.execute(target.flavour().readOnlySession());
      }
      return new ReadOnlySession(target, c, queryTimeout, readOnly(c, target.flavour()));
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private static String readOnly(Connection c, DatabaseFlavour flavour) throws SQLException {
    String jdbc = c.isReadOnly() ? "JDBC read-only" : "JDBC read-write";
    for (String probe : flavour.readOnlyProbes()) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(probe)) {
        if (rs.next()) {
          String name = probe.replaceFirst("^(SELECT @@session\\.|SHOW )", "");
          return jdbc + ", server " + name + "=" + rs.getString(1);
        }
      } catch (SQLException e) {
        // An older or newer server names the variable differently: try the next name.
      }
    }
    return jdbc + ", server " + flavour.readOnlySession();
  }

  /** How the session is kept from writing, as seen on the connection and the server. */
  String readOnly() {
    return readOnly;
  }

  /** {@code MariaDB 10.11.19}, from the driver's metadata. */
  String product() throws SQLException {
    var meta = connection.getMetaData();
    return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
  }

  /** Counts every growing table; {@code cancelled} stops between tables. */
  List<TableGrowth> survey(BooleanSupplier cancelled) throws SQLException {
    List<GrowingTable> all = List.of(GrowingTable.values());
    Map<String, Long> sizes = new LinkedHashMap<>();
    try (Statement s = connection.createStatement()) {
      s.setQueryTimeout(queryTimeoutSeconds);
      try (ResultSet rs = s.executeQuery(target.flavour().catalog(all))) {
        while (rs.next()) {
          long size = rs.getLong(2);
          sizes.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.wasNull() ? -1 : size);
        }
      }
    }
    List<TableGrowth> found = new ArrayList<>();
    for (GrowingTable t : all) {
      if (!sizes.containsKey(t.table())) {
        found.add(TableGrowth.absent(t));
        continue;
      }
      long bytes = sizes.get(t.table());
      OptionalLong size = bytes < 0 ? OptionalLong.empty() : OptionalLong.of(bytes);
      if (cancelled.getAsBoolean()) {
        found.add(TableGrowth.unreadable(t, size, "the run was cancelled"));
        continue;
      }
      found.add(count(t, size));
    }
    if (!connection.getAutoCommit()) {
      connection.rollback();
    }
    return found;
  }

  private TableGrowth count(GrowingTable t, OptionalLong size) {
    try (Statement s = connection.createStatement()) {
      s.setQueryTimeout(queryTimeoutSeconds);
      try (ResultSet rs = s.executeQuery(target.flavour().survey(t))) {
        rs.next();
        long rows = rs.getLong(1);
        String oldest = rs.getString(2);
        long age = rs.getLong(3);
        long ageDays = rs.wasNull() ? -1 : age;
        return new TableGrowth(
            t,
            true,
            OptionalLong.of(rows),
            oldest == null ? null : oldest.replaceFirst("\\.0+$", ""),
            ageDays,
            rs.getLong(4),
            rs.getLong(5),
            size,
            null);
      }
    } catch (SQLTimeoutException e) {
      return TableGrowth.unreadable(
          t,
          size,
          "counting took longer than the read timeout of "
              + queryTimeoutSeconds
              + "s (raise timeouts.read)");
    } catch (SQLException e) {
      return TableGrowth.unreadable(t, size, firstLine(e.getMessage()));
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    return message.lines().findFirst().orElse("no message").trim();
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
