package io.threescaledoctor.checks.system;

import io.threescaledoctor.core.profile.Profile;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * A system database named by a JDBC URL: its flavour, where it is (for messages and the client
 * command an engineer can paste), and the URL the bundled driver takes. {@code jdbc:mysql:} is read
 * with MariaDB Connector/J, which speaks to MySQL servers too.
 *
 * @param url the URL as given
 * @param host host name, or {@code -} when the URL does not say
 * @param port port, or -1 for the driver's default
 * @param database database (schema) name, or {@code -}
 */
public record JdbcTarget(
    String url, DatabaseFlavour flavour, String host, int port, String database) {

  /**
   * Reads a JDBC URL.
   *
   * @throws IllegalArgumentException naming {@code system.database} when the URL is not one of
   *     MySQL, MariaDB, PostgreSQL or Oracle
   */
  public static JdbcTarget parse(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    DatabaseFlavour flavour;
    if (lower.startsWith("jdbc:mysql:") || lower.startsWith("jdbc:mariadb:")) {
      flavour = DatabaseFlavour.MYSQL;
    } else if (lower.startsWith("jdbc:postgresql:")) {
      flavour = DatabaseFlavour.POSTGRESQL;
    } else if (lower.startsWith("jdbc:oracle:")) {
      flavour = DatabaseFlavour.ORACLE;
    } else {
      throw new IllegalArgumentException(
          "system.database: '"
              + Profile.SystemDatabase.maskUrl(url)
              + "' is not a JDBC URL of MySQL, MariaDB, PostgreSQL or Oracle");
    }
    String host = "-";
    int port = -1;
    String database = "-";
    int slashes = url.indexOf("//");
    if (slashes > 0 && flavour != DatabaseFlavour.ORACLE) {
      try {
        URI uri = URI.create("db:" + url.substring(slashes));
        host = uri.getHost() == null ? "-" : uri.getHost();
        port = uri.getPort();
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        database = path.isEmpty() ? "-" : path;
      } catch (IllegalArgumentException e) {
        // A multi-host or otherwise unusual URL: the driver reads it; messages say less.
      }
    } else if (flavour == DatabaseFlavour.ORACLE) {
      int at = url.lastIndexOf('@');
      host = at < 0 ? "-" : url.substring(at + 1).replaceFirst("^//", "");
    }
    return new JdbcTarget(url, flavour, host, port, database);
  }

  /** The URL handed to the driver. */
  String driverUrl() {
    if (url.regionMatches(true, 0, "jdbc:mysql:", 0, "jdbc:mysql:".length())) {
      return "jdbc:mariadb:" + url.substring("jdbc:mysql:".length());
    }
    return url;
  }

  /** The URL with any password in it masked, for evidence. */
  public String masked() {
    return Profile.SystemDatabase.maskUrl(url);
  }

  /** {@code host:port/database}, for summaries. */
  public String describe() {
    return host + (port > 0 ? ":" + port : "") + (database.equals("-") ? "" : "/" + database);
  }

  /** The command-line client running {@code sql} against this database as {@code user}. */
  public String clientCommand(Optional<String> user, String sql) {
    String u = user.orElse("USER");
    return switch (flavour) {
      case MYSQL ->
          "mysql -h "
              + host
              + (port > 0 ? " -P " + port : "")
              + " -u "
              + u
              + " -p "
              + (database.equals("-") ? "" : database + " ")
              + "-e \""
              + sql
              + "\"";
      case POSTGRESQL ->
          "psql 'host="
              + host
              + (port > 0 ? " port=" + port : "")
              + (database.equals("-") ? "" : " dbname=" + database)
              + " user="
              + u
              + "' -c \""
              + sql
              + "\"";
      case ORACLE -> "echo \"" + sql + ";\" | sqlplus -S " + u + "@" + host;
    };
  }
}
