package io.threescaledoctor.cli;

/** A command or mixin that needs the {@link CliEnvironment} (environment variables, streams). */
public interface EnvironmentAware {
  void environment(CliEnvironment env);
}
