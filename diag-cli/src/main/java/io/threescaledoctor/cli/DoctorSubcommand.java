package io.threescaledoctor.cli;

/**
 * Marks a picocli {@code @Command} class as a subcommand of {@code 3scale-doctor}. Register each
 * with one line in {@code META-INF/services/io.threescaledoctor.cli.DoctorSubcommand}; the command
 * line and the shell both pick it up. Implementations need a public no-argument constructor and
 * write through {@code spec.commandLine().getOut()} so tests and the shell capture their output.
 */
public interface DoctorSubcommand {}
