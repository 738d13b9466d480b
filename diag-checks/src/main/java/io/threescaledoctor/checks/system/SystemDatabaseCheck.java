package io.threescaledoctor.checks.system;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.check.CheckContext;
import io.threescaledoctor.core.check.CheckResult;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.check.Status;
import io.threescaledoctor.core.profile.Profile;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The guide's monotonic growth (§1.5.3), read from the system database with read-only queries: for
 * {@code user_sessions}, {@code audits}, {@code log_entries}, {@code event_store_events} and {@code
 * alerts}, the rows, the oldest row, the rows past retention and the table's size. Rows a scheduled
 * purge should long have deleted mean that purge is not running; alerts older than 14 days get the
 * guide's purge statement for the database's flavour, printed, never run.
 */
public final class SystemDatabaseCheck implements Check {

  @Override
  public String id() {
    return "system.db";
  }

  @Override
  public Hop hop() {
    // The admin portal's side of 3scale: its database, not the path of an API call.
    return Hop.THREESCALE;
  }

  @Override
  public String description() {
    return "The system database's growing tables (user_sessions, audits, log_entries,"
        + " event_store_events, alerts) are purged on time (read-only queries)";
  }

  @Override
  public Optional<String> missingInput(Profile profile) {
    String url = profile.system().database();
    return url == null || url.isBlank() ? Optional.of("system.database") : Optional.empty();
  }

  @Override
  public CheckResult run(CheckContext context) {
    Profile.SystemDatabase settings = context.profile().system();
    JdbcTarget target;
    try {
      target = JdbcTarget.parse(settings.database());
    } catch (IllegalArgumentException e) {
      return CheckResult.error(e.getMessage());
    }
    Optional<String> user = Optional.ofNullable(settings.user()).filter(u -> !u.isBlank());
    try (ReadOnlySession db =
        ReadOnlySession.open(target, settings.user(), settings.password(), context.timeouts())) {
      String product = db.product();
      List<TableGrowth> tables = db.survey(context::cancelled);
      CheckResult r =
          judge(target, tables)
              .withEvidence("database", target.masked())
              .withEvidence("server", product)
              .withEvidence("user", user.orElse("-"))
              .withEvidence("readOnly", db.readOnly());
      for (TableGrowth t : tables) {
        r = r.withEvidence(t.table().evidenceKey(), t.describe());
      }
      return withFindingsAndCommands(r, target, user, tables);
    } catch (SQLException e) {
      return failedToOpen(target, user, e);
    }
  }

  static CheckResult judge(JdbcTarget target, List<TableGrowth> tables) {
    List<TableGrowth> present = tables.stream().filter(TableGrowth::present).toList();
    if (present.isEmpty()) {
      return CheckResult.error(
          "none of the system tables the guide names (user_sessions, audits, log_entries,"
              + " event_store_events, alerts) is in "
              + target.describe()
              + ": is this the 3scale system database, and may the user see its tables?");
    }
    List<TableGrowth> counted = present.stream().filter(t -> t.rows().isPresent()).toList();
    if (counted.isEmpty()) {
      return CheckResult.error(
          "could not count any system table: "
              + present.get(0).table().table()
              + ": "
              + present.get(0).problem());
    }
    List<TableGrowth> missed = counted.stream().filter(TableGrowth::purgeMissed).toList();
    Optional<TableGrowth> alerts = counted.stream().filter(TableGrowth::manualPurgeDue).findFirst();
    List<String> problems = new ArrayList<>();
    for (TableGrowth t : missed) {
      problems.add(
          t.overdue()
              + (t.overdue() == 1 ? " row of " : " rows of ")
              + t.table().table()
              + (t.overdue() == 1 ? " is older than " : " are older than ")
              + t.table().retentionText()
              + " plus a purge interval: the purge that runs "
              + t.table().purgeText()
              + " is not running");
    }
    alerts.ifPresent(
        a ->
            problems.add(
                a.pastRetention()
                    + (a.pastRetention() == 1 ? " alert is" : " alerts are")
                    + " older than 14 days and nothing purges them: run the guide's"
                    + " purge statement (purgeSql)"));
    if (problems.isEmpty()) {
      return CheckResult.pass(
          "the scheduled purges keep up: no table holds rows a purge should have deleted ("
              + counted.size()
              + " of 5 tables counted)");
    }
    return CheckResult.warn(String.join("; ", problems))
        .withCause(missed.isEmpty() ? "system-alerts-need-purge" : "system-purge-not-running");
  }

  private static CheckResult withFindingsAndCommands(
      CheckResult r, JdbcTarget target, Optional<String> user, List<TableGrowth> tables) {
    DatabaseFlavour flavour = target.flavour();
    Optional<TableGrowth> alerts = tables.stream().filter(TableGrowth::manualPurgeDue).findFirst();
    if (alerts.isPresent()) {
      r = r.withEvidence("purgeSql", flavour.alertsPurge());
    }
    Optional<TableGrowth> worst =
        tables.stream().filter(TableGrowth::purgeMissed).findFirst().or(() -> alerts);
    GrowingTable shown = worst.map(TableGrowth::table).orElse(GrowingTable.ALERTS);
    if (r.status() == Status.WARN
        && tables.stream().anyMatch(TableGrowth::purgeMissed)
        && alerts.isPresent()) {
      r =
          r.withEvidence(
              "findings",
              "system-purge-not-running: scheduled purges missed | system-alerts-need-purge: "
                  + alerts.get().pastRetention()
                  + " alerts older than 14 days");
    }
    if (alerts.isPresent() && r.cause().orElse("").equals("system-alerts-need-purge")) {
      r =
          r.withRemedy(
              "Nothing in 3scale purges alerts. In a maintenance window, after a backup, a"
                  + " database administrator runs the guide's statement for "
                  + flavour.label()
                  + ": "
                  + flavour.alertsPurge()
                  + " (guide 1.5.3)");
    }
    return r.withReproduce(target.clientCommand(user, flavour.countPastRetention(shown)));
  }

  private static CheckResult failedToOpen(
      JdbcTarget target, Optional<String> user, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message = ReadOnlySession.firstLine(e.getMessage());
    CheckResult r;
    if (target.flavour() == DatabaseFlavour.ORACLE && message.contains("No suitable driver")) {
      r =
          CheckResult.error(
              "no Oracle JDBC driver here (the doctor ships MariaDB and PostgreSQL drivers): run"
                  + " '3scale-doctor db --print-sql --url ...' and paste the queries into sqlplus");
    } else if (message.contains("ssl not enabled in the server")) {
      r =
          CheckResult.error(
              "the database at "
                  + target.describe()
                  + " offers no TLS, and the driver will not send credentials without it: add"
                  + " sslMode=disable to system.database to connect in the clear (e.g."
                  + " jdbc:mysql://HOST:3306/system?sslMode=disable)");
    } else if (state.startsWith("28") || state.equals("08004")) {
      r =
          CheckResult.error(
              "the database refused user '"
                  + user.orElse("")
                  + "': "
                  + message
                  + " (check system.user and system.password)");
    } else if (state.startsWith("08") || e.getCause() instanceof java.io.IOException) {
      r =
          CheckResult.fail(
                  "cannot reach the system database at " + target.describe() + ": " + message)
              .withCause("system-database-unreachable");
    } else {
      r =
          CheckResult.error(
              "the system database at " + target.describe() + " answered: " + message);
    }
    return r.withEvidence("database", target.masked())
        .withEvidence("user", user.orElse("-"))
        .withEvidence("sqlState", state.isEmpty() ? "-" : state)
        .withReproduce(target.clientCommand(user, "SELECT 1"));
  }
}
