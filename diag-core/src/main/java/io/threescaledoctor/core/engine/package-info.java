/** The check registry, the checklist built from a profile, and the engine that runs it. */
package io.threescaledoctor.core.engine;
