package io.threescaledoctor.checks.logs;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * What an error-log analysis found, over every file read.
 *
 * @param findings one per known message and cause, most recent first
 * @param perMinute problem lines (known findings and unknown lines at level error or worse) per
 *     minute, keyed by the minute's start
 * @param unknownErrors lines at level error or worse that no catalog entry recognised
 * @param unknownExamples a few of them, as logged
 * @param stats how much was read and skipped
 * @param notes what could not be read or was skipped, in words
 * @param firstEntry the earliest timestamp read (within the window), null if none
 * @param lastEntry the latest timestamp read (within the window), null if none
 */
public record ErrorLogReport(
    List<LogFinding> findings,
    SortedMap<Instant, Integer> perMinute,
    long unknownErrors,
    List<String> unknownExamples,
    Stats stats,
    List<String> notes,
    Instant firstEntry,
    Instant lastEntry) {

  /**
   * Counts of what was read.
   *
   * @param files files (or streams) read
   * @param bytes bytes read (after decompression)
   * @param lines lines read
   * @param entries lines that start an error-log entry (timestamp and level)
   * @param continuationLines lines that continue a multi-line entry (Lua tracebacks)
   * @param skippedLines lines that are not error-log lines (before any entry, binary data)
   * @param binaryLines skipped lines that hold control bytes
   * @param truncatedLines lines longer than the limit, of which only the start was read
   * @param outsideWindow entries outside --since/--until
   * @param benignEntries entries recognised as saying nothing is wrong (a client closing its
   *     keepalive connection, 3scale answering 200)
   * @param ownProbeEntries entries about the doctor's own probes (their request line carries its
   *     mark), set aside: neither findings nor unrecognised lines
   */
  public record Stats(
      int files,
      long bytes,
      long lines,
      long entries,
      long continuationLines,
      long skippedLines,
      long binaryLines,
      long truncatedLines,
      long outsideWindow,
      long benignEntries,
      long ownProbeEntries) {}
}
