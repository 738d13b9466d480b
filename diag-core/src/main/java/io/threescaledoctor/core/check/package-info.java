/**
 * The check API: {@link io.threescaledoctor.core.check.Check}, its {@link
 * io.threescaledoctor.core.check.CheckResult}, the {@link io.threescaledoctor.core.check.Hop}
 * model, and {@link io.threescaledoctor.core.check.Secret} with the {@link
 * io.threescaledoctor.core.check.Redactor} that keeps keys out of every output.
 */
package io.threescaledoctor.core.check;
