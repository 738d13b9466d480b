/**
 * Log forensics: a streaming, byte-level nginx/APIcast error-log analyser driven by a catalog of
 * known messages kept as data ({@code error-log-messages.yaml}), attribution of each line to a hop
 * (the API or the 3scale backend), the {@code gateway.errorlog} check, and access-log analysis.
 */
package io.threescaledoctor.checks.logs;
