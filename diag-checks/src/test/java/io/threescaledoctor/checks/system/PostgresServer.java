package io.threescaledoctor.checks.system;

import io.threescaledoctor.core.testing.Component;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * Debian's PostgreSQL 15, named by its full path ({@code /usr/local/bin/postgres} may be another
 * build), initialized with {@code initdb} in a temporary directory; password authentication over
 * TCP, so a wrong password is refused as in production.
 */
final class PostgresServer extends LocalDatabaseServer {
  private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  static final String ADMIN_PASSWORD = "postgres-admin-password";

  private PostgresServer() throws IOException {
    super("postgres");
  }

  static PostgresServer start() throws Exception {
    Path postgres = Component.POSTGRESQL_15.require();
    String version = version(postgres);
    if (!version.contains("PostgreSQL) 15.")) {
      throw new IllegalStateException(postgres + " is not PostgreSQL 15: " + version);
    }
    PostgresServer server = new PostgresServer();
    try {
      Path pw = server.dir.resolve("pwfile");
      Files.writeString(pw, ADMIN_PASSWORD + "\n");
      server.runAsServerUser(
          List.of(
              BIN.resolve("initdb").toString(),
              "-D",
              server.dir.resolve("data").toString(),
              "-U",
              "postgres",
              "--auth-local=trust",
              "--auth-host=scram-sha-256",
              "--pwfile=" + pw,
              "-E",
              "UTF8",
              "--locale=C",
              "-N"),
          server.dir.resolve("initdb.log"));
      server.launch();
    } catch (Exception e) {
      server.close();
      throw e;
    }
    return server;
  }

  private static String version(Path postgres) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(postgres.toString(), "--version").redirectErrorStream(true).start();
    try (InputStream in = p.getInputStream()) {
      String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      return out;
    }
  }

  @Override
  DatabaseFlavour flavour() {
    return DatabaseFlavour.POSTGRESQL;
  }

  @Override
  List<String> serverCommand(int port) {
    return List.of(
        BIN.resolve("postgres").toString(),
        "-D",
        dir.resolve("data").toString(),
        "-p",
        String.valueOf(port),
        "-k",
        dir.toString(),
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "fsync=off",
        "-c",
        "full_page_writes=off",
        "-c",
        "logging_collector=off");
  }

  @Override
  Path logFile() {
    return dir.resolve("stdout.log");
  }

  @Override
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + (database == null ? "postgres" : database);
  }

  @Override
  Connection administrator(String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("password", ADMIN_PASSWORD);
    p.setProperty("connectTimeout", "2");
    return new org.postgresql.Driver().connect(url(database), p);
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
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
            + user
            + "') THEN CREATE ROLE "
            + user
            + " LOGIN PASSWORD '"
            + password
            + "'; END IF; END $$");
    execute(
        database,
        "GRANT CONNECT ON DATABASE " + database + " TO " + user,
        "GRANT USAGE ON SCHEMA public TO " + user,
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + user);
  }

  @Override
  String ago(int months, int days, int hours) {
    return "NOW() - INTERVAL '" + months + " month " + days + " day " + hours + " hour'";
  }

  @Override
  String ddl(String template) {
    return template.replace("{id}", "BIGSERIAL PRIMARY KEY").replace("{ts}", "TIMESTAMP");
  }
}
