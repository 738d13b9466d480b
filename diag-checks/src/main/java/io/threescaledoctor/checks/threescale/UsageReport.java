package io.threescaledoctor.checks.threescale;

/**
 * One {@code <usage_report>} of an authorize answer: a metric's limit in one period and how much of
 * it is used. After authrep the current value includes the reported usage; after authorize it does
 * not (apisonator checks the predicted usage against the limit without adding it to the report), so
 * an application at 3 of 3 is shown as 3/3 whether or not the next call fits.
 *
 * @param periodStart {@code null} for the eternity period
 * @param periodEnd {@code null} for the eternity period
 */
public record UsageReport(
    String metric,
    String period,
    String periodStart,
    String periodEnd,
    long maxValue,
    long currentValue,
    boolean exceeded) {

  /** Used share of the limit in percent; 100 when the limit is zero (every call is over it). */
  public double percentUsed() {
    if (maxValue <= 0) {
      return 100.0;
    }
    return 100.0 * currentValue / maxValue;
  }

  /** {@code hits per day: 85/100 (85%)}. */
  public String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "%s per %s: %d/%d (%.0f%%)%s",
        metric,
        period,
        currentValue,
        maxValue,
        percentUsed(),
        exceeded ? " exceeded" : "");
  }
}
