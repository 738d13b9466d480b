package io.threescaledoctor.cli;

import io.threescaledoctor.checks.system.DatabaseFlavour;
import io.threescaledoctor.checks.system.GrowingTable;
import io.threescaledoctor.checks.system.JdbcTarget;
import io.threescaledoctor.checks.system.SystemDatabaseCheck;
import io.threescaledoctor.core.diagnosis.Diagnosis;
import io.threescaledoctor.core.engine.CheckRegistry;
import io.threescaledoctor.core.engine.Checklist;
import io.threescaledoctor.core.engine.Engine;
import io.threescaledoctor.core.profile.Profile;
import io.threescaledoctor.core.report.ExitCode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code 3scale-doctor db}: the system database's growth (§1.5.3), read only. */
@Command(
    name = "db",
    sortOptions = false,
    description = {
      "Read the 3scale system (admin portal) database, read-only, as the system.db check does:"
          + " for user_sessions, audits, log_entries, event_store_events and alerts, the rows,"
          + " the oldest row, the rows past the guide's retention (two weeks, three months, six"
          + " months, a week; alerts: 14 days, purged by nobody) and the size on disk.",
      "Rows a scheduled purge should have deleted mean the purge is not running"
          + " (system-purge-not-running); old alerts get the guide's DELETE for the database"
          + " (purgeSql), printed, never executed (system-alerts-need-purge).",
      "The session is made read-only on the server before any query; give a user that may only"
          + " SELECT. The password comes from system.password (write ${VAR} in the profile) or"
          + " $THREESCALE_DOCTOR_DB_PASSWORD, never from a flag; the user from --user,"
          + " system.user or $THREESCALE_DOCTOR_DB_USER.",
      "MySQL/MariaDB (jdbc:mysql: or jdbc:mariadb:, read with MariaDB Connector/J; add"
          + " ?sslMode=disable for a server without TLS) and PostgreSQL (jdbc:postgresql:) are"
          + " built in; for Oracle, --print-sql prints the queries to run in sqlplus.",
      "",
      "Examples:",
      "  THREESCALE_DOCTOR_DB_PASSWORD=... 3scale-doctor db --url"
          + " 'jdbc:mysql://127.0.0.1:3306/system?sslMode=disable' --user doctor",
      "  3scale-doctor db -c profile.yaml --format json",
      "  3scale-doctor db --print-sql --url jdbc:oracle:thin:@//db.example.com:1521/SYSTEM",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the purges keep up, or only warnings (purge not running, old alerts)",
      "1:the database cannot be reached",
      "2:bad input (no or bad JDBC URL, bad option)",
      "3:the doctor itself broke",
      "4:the survey could not run (refused login, not a system database, no driver)"
    })
public final class DbCommand implements Callable<Integer>, DoctorSubcommand, EnvironmentAware {
  static final String PASSWORD_VARIABLE = "THREESCALE_DOCTOR_DB_PASSWORD";
  static final String USER_VARIABLE = "THREESCALE_DOCTOR_DB_USER";

  @Spec CommandSpec spec;

  @Option(names = "--url", paramLabel = "JDBC-URL", description = "system.database.")
  String url;

  @Option(names = "--user", paramLabel = "NAME", description = "system.user.")
  String user;

  @Option(
      names = "--print-sql",
      description =
          "Print the SQL for the URL's database (read-only queries and the alerts purge)"
              + " and connect to nothing.")
  boolean printSql;

  @Mixin ProfileOptions profileOptions;

  @Mixin OutputOptions outputOptions;

  private CliEnvironment env;

  @Override
  public void environment(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    outputOptions.validate();
    // A fresh list: picocli resets options between runs in the shell, never the list it made.
    List<String> sets = new ArrayList<>(profileOptions.sets);
    if (url != null) {
      sets.add("system.database=" + url);
    }
    if (user != null) {
      sets.add("system.user=" + user);
    }
    profileOptions.sets = sets;
    Profile profile = profileOptions.load();
    String database = profile.system().database();
    if (database == null || database.isBlank()) {
      throw new BadInputException("give --url JDBC-URL, or set system.database in the profile");
    }
    if (printSql) {
      printSql(JdbcTarget.parse(database).flavour(), spec.commandLine().getOut());
      return ExitCode.OK;
    }
    List<String> fromEnvironment = new ArrayList<>(sets);
    String password = env.variable(PASSWORD_VARIABLE);
    if (profile.system().password() == null && password != null && !password.isEmpty()) {
      fromEnvironment.add("system.password=" + password);
    }
    String envUser = env.variable(USER_VARIABLE);
    if (profile.system().user() == null && envUser != null && !envUser.isBlank()) {
      fromEnvironment.add("system.user=" + envUser);
    }
    if (fromEnvironment.size() > sets.size()) {
      profileOptions.sets = fromEnvironment;
      profile = profileOptions.load();
    }
    Checklist checklist =
        Checklist.build(CheckRegistry.of(List.of(new SystemDatabaseCheck())), profile);
    Diagnosis d = Engine.builder().build().run(checklist, profile, env.cancellation());
    env.sessionIfAny().ifPresent(session -> session.record(d));
    // The counts are the point of this verb: show passing evidence too.
    outputOptions.verbosity.verbose = true;
    outputOptions.write(d, spec.commandLine(), env);
    return ExitCode.of(d);
  }

  private static void printSql(DatabaseFlavour flavour, PrintWriter out) {
    out.printf("-- 3scale-doctor db: the SQL for %s (guide 1.5.3)%n", flavour.label());
    out.println("-- Read-only: the doctor's session runs these and nothing else.");
    out.println("-- Which tables exist, and their size on disk:");
    out.println(flavour.catalog(List.of(GrowingTable.values())) + ";");
    for (GrowingTable t : GrowingTable.values()) {
      out.printf(
          "-- %s: retention %s, purged %s; rows, oldest %s, its age in days, past retention,"
              + " missed by the purge:%n",
          t.table(), t.retentionText(), t.purgeText(), t.ageColumn());
      out.println(flavour.survey(t) + ";");
    }
    out.println("-- The guide's manual purge of alerts older than 14 days. For a database");
    out.println("-- administrator, after a backup; the doctor never runs it:");
    out.println("-- " + flavour.alertsPurge());
    out.flush();
  }
}
