package io.threescaledoctor.checks.system;

import io.threescaledoctor.core.testing.Component;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * Debian's {@code mariadbd}, initialized with {@code mariadb-install-db} in a temporary directory.
 */
public final class MariaDbServer extends LocalDatabaseServer {
  private static final Path SERVER = Path.of("/usr/sbin/mariadbd");

  private MariaDbServer() throws IOException {
    super("mariadb");
  }

  public static MariaDbServer start() throws Exception {
    Component.MARIADB.require();
    MariaDbServer server = new MariaDbServer();
    try {
      server.runAsServerUser(
          List.of(
              "/usr/bin/mariadb-install-db",
              "--no-defaults",
              "--datadir=" + server.dir.resolve("data"),
              "--auth-root-authentication-method=normal",
              "--skip-test-db",
              "--innodb-log-file-size=8M"),
          server.dir.resolve("install.log"));
      server.launch();
    } catch (Exception e) {
      server.close();
      throw e;
    }
    return server;
  }

  @Override
  DatabaseFlavour flavour() {
    return DatabaseFlavour.MYSQL;
  }

  @Override
  List<String> serverCommand(int port) {
    return List.of(
        SERVER.toString(),
        "--no-defaults",
        "--datadir=" + dir.resolve("data"),
        "--socket=" + dir.resolve("mariadb.sock"),
        "--pid-file=" + dir.resolve("mariadb.pid"),
        "--log-error=" + logFile(),
        "--port=" + port,
        "--bind-address=127.0.0.1",
        "--skip-log-bin",
        "--innodb-buffer-pool-size=16M",
        "--innodb-log-file-size=8M");
  }

  @Override
  Path logFile() {
    return dir.resolve("mariadb.err");
  }

  @Override
  public String url(String database) {
    // The test server has no TLS; Connector/J asks for it unless told otherwise.
    return "jdbc:mysql://127.0.0.1:"
        + port
        + "/"
        + (database == null ? "" : database)
        + "?sslMode=disable";
  }

  @Override
  Connection administrator(String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "root");
    p.setProperty("connectTimeout", "2000");
    return new org.mariadb.jdbc.Driver()
        .connect(url(database).replace("jdbc:mysql:", "jdbc:mariadb:"), p);
  }

  @Override
  public void createDatabase(String name) throws SQLException {
    execute(null, "CREATE DATABASE " + name);
  }

  @Override
  public void createReadOnlyUser(String database, String user, String password)
      throws SQLException {
    execute(
        null,
        "CREATE USER IF NOT EXISTS '" + user + "'@'127.0.0.1' IDENTIFIED BY '" + password + "'",
        "GRANT SELECT ON " + database + ".* TO '" + user + "'@'127.0.0.1'");
  }

  @Override
  String ago(int months, int days, int hours) {
    return "NOW() - INTERVAL "
        + months
        + " MONTH - INTERVAL "
        + days
        + " DAY - INTERVAL "
        + hours
        + " HOUR";
  }

  @Override
  String ddl(String template) {
    return template
        .replace("{id}", "BIGINT AUTO_INCREMENT PRIMARY KEY")
        .replace("{ts}", "DATETIME");
  }
}
