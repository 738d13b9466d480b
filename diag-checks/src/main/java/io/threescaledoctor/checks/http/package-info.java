/**
 * HTTP probing for checks: {@link io.threescaledoctor.checks.http.HttpProbe} sends one request with
 * the profile's timeouts, trust, pins and proxy and returns an {@link
 * io.threescaledoctor.checks.http.HttpExchange} with timings and a classified {@link
 * io.threescaledoctor.checks.http.Failure}; the {@code http.request} check uses it to call the API
 * and the gateway directly.
 */
package io.threescaledoctor.checks.http;
