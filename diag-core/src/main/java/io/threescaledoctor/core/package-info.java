/**
 * 3scale-doctor's public API for applications that embed it. Start at {@link
 * io.threescaledoctor.core.Doctor}.
 *
 * <p>What carries a compatibility promise:
 *
 * <ul>
 *   <li>{@link io.threescaledoctor.core.Doctor} - describe a setup, run, get a diagnosis;
 *   <li>{@code core.check} - the {@link io.threescaledoctor.core.check.Check} SPI for checks of
 *       your own, {@link io.threescaledoctor.core.check.CheckResult}, hops and secrets;
 *   <li>{@code core.diagnosis} - what a run found;
 *   <li>{@code core.profile} - the profile model and loader;
 *   <li>{@code core.report} - renderers (text, Markdown, HTML, JUnit, JSON, one line) and exit
 *       codes;
 *   <li>{@code core.engine.EngineListener} - progress events, and {@code core.engine.Cancellation}
 *       - stopping a run early;
 *   <li>{@code core.fleet} - the scheduler that runs many profiles continuously ({@code serve}).
 * </ul>
 *
 * <p>Everything else in {@code core.engine} (registry, checklist, engine) is public so that the
 * command line can use it, and may change between releases; so may any package named {@code
 * internal} and every package-private type.
 */
package io.threescaledoctor.core;
