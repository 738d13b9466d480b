package io.threescaledoctor.cli.shell;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.engine.CheckRegistry;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Runs the shell over scripted input, as {@code 3scale-doctor shell < script} does. */
final class ShellFixture {
  static final Map<String, String> NO_VARIABLES = Map.of();

  private ShellFixture() {}

  /** What a scripted session printed and its exit code. */
  record Result(int exitCode, String out, String err, Session session) {}

  static Session session(Check... checks) {
    return session(NO_VARIABLES, checks);
  }

  static Session session(Map<String, String> variables, Check... checks) {
    return new Session(variables::get, Clock.systemUTC(), CheckRegistry.of(List.of(checks)));
  }

  static Result script(Session session, String... lines) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    BufferedReader in = new BufferedReader(new StringReader(String.join("\n", lines) + "\n"));
    int code =
        DoctorShell.script(
                in, new PrintWriter(out, true), new PrintWriter(err, true), session, NO_VARIABLES)
            .run();
    return new Result(code, out.toString(), err.toString(), session);
  }
}
