package io.threescaledoctor.checks.system;

/**
 * The system tables the guide (§1.5.3) names for monotonic growth, with the column their age is
 * read from (3scale/porta's schema) and the purge that keeps them small. Retention is in months or
 * days, as porta states it; {@code purgeEveryDays} is how often the scheduled purge runs, so a row
 * older than retention plus one interval means a purge was missed.
 */
public enum GrowingTable {
  USER_SESSIONS("user_sessions", "accessed_at", 0, 14, 7, true, "two weeks", "once a week"),
  AUDITS("audits", "created_at", 3, 0, 1, true, "three months", "once a day"),
  LOG_ENTRIES("log_entries", "created_at", 6, 0, 1, true, "six months", "once a day"),
  EVENT_STORE_EVENTS("event_store_events", "created_at", 0, 7, 7, true, "a week", "once a week"),
  ALERTS("alerts", "timestamp", 0, 14, 0, false, "14 days", "never (manual purge)");

  private final String table;
  private final String ageColumn;
  private final int retentionMonths;
  private final int retentionDays;
  private final int purgeEveryDays;
  private final boolean scheduled;
  private final String retentionText;
  private final String purgeText;

  GrowingTable(
      String table,
      String ageColumn,
      int retentionMonths,
      int retentionDays,
      int purgeEveryDays,
      boolean scheduled,
      String retentionText,
      String purgeText) {
    this.table = table;
    this.ageColumn = ageColumn;
    this.retentionMonths = retentionMonths;
    this.retentionDays = retentionDays;
    this.purgeEveryDays = purgeEveryDays;
    this.scheduled = scheduled;
    this.retentionText = retentionText;
    this.purgeText = purgeText;
  }

  public String table() {
    return table;
  }

  public String ageColumn() {
    return ageColumn;
  }

  public int retentionMonths() {
    return retentionMonths;
  }

  public int retentionDays() {
    return retentionDays;
  }

  public int purgeEveryDays() {
    return purgeEveryDays;
  }

  /** Whether 3scale purges the table itself; {@code alerts} needs a database administrator. */
  public boolean scheduled() {
    return scheduled;
  }

  /** "three months", as the guide says it. */
  public String retentionText() {
    return retentionText;
  }

  /** "once a day", as the guide says it. */
  public String purgeText() {
    return purgeText;
  }

  /** The evidence key: {@code user_sessions} becomes {@code userSessions}. */
  public String evidenceKey() {
    StringBuilder sb = new StringBuilder();
    boolean upper = false;
    for (char c : table.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }
}
