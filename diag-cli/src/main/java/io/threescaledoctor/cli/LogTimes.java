package io.threescaledoctor.cli;

import io.threescaledoctor.core.profile.Durations;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Parses {@code --since}/{@code --until}: an instant ({@code 2026-11-27T10:00:00Z}), a local time
 * in the log's zone ({@code 2026-11-27 10:00}, {@code 2026/11/27 10:00:00} as nginx writes it, a
 * bare date), or a duration back from now ({@code 90m}, {@code 2h}).
 */
final class LogTimes {
  private static final DateTimeFormatter[] LOCAL = {
    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]"),
    DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss]"),
    DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm[:ss]"),
  };

  private LogTimes() {}

  static Instant parse(String option, String text, ZoneId zone, Instant now) {
    String t = text.trim();
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException notAnInstant) {
      // try the next form
    }
    for (DateTimeFormatter f : LOCAL) {
      try {
        return LocalDateTime.parse(t, f).atZone(zone).toInstant();
      } catch (DateTimeParseException next) {
        // try the next form
      }
    }
    try {
      return LocalDate.parse(t).atStartOfDay(zone).toInstant();
    } catch (DateTimeParseException next) {
      // try a duration
    }
    try {
      return now.minus(Durations.parse(t));
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new BadInputException(
          option
              + " "
              + text
              + ": not a time (use 2026-11-27T10:00:00Z,"
              + " '2026-11-27 10:00', '2026/11/27 10:00:00' or a duration back from now such as 2h)");
    }
  }
}
