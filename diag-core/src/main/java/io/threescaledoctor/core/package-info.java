/**
 * 3scale-doctor's public API for applications that embed it. Start at {@link
 * io.threescaledoctor.core.Doctor}.
 *
 * <p>What carries a compatibility promise (checked by {@code PublicApiTest}: no signature here
 * exposes a type outside this list, apart from the JDK's and Jackson's):
 *
 * <ul>
 *   <li>{@link io.threescaledoctor.core.Doctor} - describe a setup, run, get a diagnosis;
 *   <li>{@code core.check} - the {@link io.threescaledoctor.core.check.Check} SPI for checks of
 *       your own, {@link io.threescaledoctor.core.check.CheckResult}, hops, endpoints, secrets,
 *       {@link io.threescaledoctor.core.check.Setting} and {@link
 *       io.threescaledoctor.core.check.Dependency};
 *   <li>{@code core.diagnosis} - what a run found;
 *   <li>{@code core.profile} - the profile model, its builder, the loader, extension settings;
 *   <li>{@code core.report} - renderers (text, Markdown, HTML, JUnit, JSON, one line) and exit
 *       codes;
 *   <li>{@code core.issue} - the known-issue catalog ({@link
 *       io.threescaledoctor.core.issue.KnownIssue}, {@link
 *       io.threescaledoctor.core.issue.KnownIssueCatalog});
 *   <li>{@link io.threescaledoctor.core.engine.EngineListener} and {@link
 *       io.threescaledoctor.core.engine.CheckRun} - progress events, and {@link
 *       io.threescaledoctor.core.engine.Cancellation} - stopping a run early;
 *   <li>{@code core.fleet} - the scheduler that runs many profiles continuously ({@code serve}).
 * </ul>
 *
 * <p>Everything else in {@code core.engine} (registry, checklist, engine) is public so that the
 * command line can use it, and may change between releases; so may {@code core.issue.CatalogYaml},
 * any package named {@code internal}, every package-private type, and all of {@code diag-checks}
 * but its {@code META-INF/services} registrations.
 */
package io.threescaledoctor.core;
