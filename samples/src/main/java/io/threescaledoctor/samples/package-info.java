/**
 * How an application embeds 3scale-doctor: {@link io.threescaledoctor.samples.EmbeddedHealthCheck}
 * runs it as the health check of the service's 3scale-managed dependency, and {@link
 * io.threescaledoctor.samples.ApiHealthEndpointCheck} is a check of the application's own,
 * registered through {@link java.util.ServiceLoader}.
 */
package io.threescaledoctor.samples;
