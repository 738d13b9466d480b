/**
 * {@code 3scale-doctor serve}: the scheduler behind an HTTP server Prometheus scrapes ({@code
 * /metrics}, {@code /probe}), with the last reports, an index page, health endpoints, reload on
 * SIGHUP and on file change, and a graceful stop.
 */
package io.threescaledoctor.cli.serve;
