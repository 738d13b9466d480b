/**
 * Continuous checks: a {@link io.threescaledoctor.core.fleet.Scheduler} runs many profiles, each on
 * an interval with jitter, never two runs of one profile at once and never more than a bound at
 * once, and keeps each profile's last diagnosis. {@code 3scale-doctor serve} exports it to
 * Prometheus; an application embeds it the same way, with {@code diag-prometheus} on its own
 * registry.
 */
package io.threescaledoctor.core.fleet;
