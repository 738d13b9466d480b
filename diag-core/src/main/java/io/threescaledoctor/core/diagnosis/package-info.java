/** The diagnosis: per-hop verdicts, the likely failure point, its cause and next steps. */
package io.threescaledoctor.core.diagnosis;
