/** Report renderers (text, JSON) and the exit codes other tools rely on. */
package io.threescaledoctor.core.report;
