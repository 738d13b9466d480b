package io.threescaledoctor.checks.system;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * What the doctor saw in one growing table.
 *
 * @param present whether the table exists in the connected schema
 * @param rows rows counted, or empty when the count could not be taken (see {@code problem})
 * @param oldest the oldest value of the age column as the database prints it, or null
 * @param oldestAgeDays that value's age in whole days, or -1
 * @param pastRetention rows older than the retention (for alerts: what the guide's purge deletes)
 * @param overdue rows a purge running on schedule would already have deleted
 * @param sizeBytes table plus indexes on disk, where the database reports it
 * @param problem why the table could not be read, or null
 */
public record TableGrowth(
    GrowingTable table,
    boolean present,
    OptionalLong rows,
    String oldest,
    long oldestAgeDays,
    long pastRetention,
    long overdue,
    OptionalLong sizeBytes,
    String problem) {

  static TableGrowth absent(GrowingTable table) {
    return new TableGrowth(
        table, false, OptionalLong.empty(), null, -1, 0, 0, OptionalLong.empty(), null);
  }

  static TableGrowth unreadable(GrowingTable table, OptionalLong size, String problem) {
    return new TableGrowth(table, true, OptionalLong.empty(), null, -1, 0, 0, size, problem);
  }

  /** Whether the scheduled purge has missed at least one run. */
  public boolean purgeMissed() {
    return table.scheduled() && overdue > 0;
  }

  /** Whether alerts wait for the manual purge. */
  public boolean manualPurgeDue() {
    return !table.scheduled() && pastRetention > 0;
  }

  /** One line of evidence: counts, oldest row, retention, size. */
  public String describe() {
    if (!present) {
      return "absent from this schema";
    }
    String size = sizeBytes.isPresent() ? "; " + bytes(sizeBytes.getAsLong()) + " on disk" : "";
    if (rows.isEmpty()) {
      return "not counted: " + problem + size;
    }
    StringBuilder sb = new StringBuilder();
    sb.append(rows.getAsLong()).append(rows.getAsLong() == 1 ? " row" : " rows");
    if (oldest != null) {
      sb.append("; oldest ").append(oldest);
      if (oldestAgeDays >= 0) {
        sb.append(" (").append(oldestAgeDays).append(oldestAgeDays == 1 ? " day)" : " days)");
      }
    }
    sb.append("; ").append(pastRetention).append(" older than ").append(table.retentionText());
    if (table.scheduled()) {
      sb.append(", ")
          .append(overdue)
          .append(" missed by the purge that runs ")
          .append(table.purgeText());
    } else {
      sb.append(" (nothing purges this table)");
    }
    return sb.append(size).toString();
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    double v = n;
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
