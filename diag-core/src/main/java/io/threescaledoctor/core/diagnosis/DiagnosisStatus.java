package io.threescaledoctor.core.diagnosis;

/**
 * The verdict of a run. {@code INCONCLUSIVE} — nothing failed, but a check that mattered could not
 * run, or nothing ran at all — never reads as healthy.
 */
public enum DiagnosisStatus {
  HEALTHY,
  DEGRADED,
  FAILING,
  INCONCLUSIVE
}
