package io.threescaledoctor.core.diagnosis;

import io.threescaledoctor.core.check.Hop;

/**
 * A hop that fails on its own, beside the likely failure point: not explained by the hop it leads
 * to, nor by another finding. Fixing the first failure will not fix this one.
 *
 * @param cause its known-issue id, or null when the failing check named none
 * @param checkId the result that shows it
 */
public record OtherFailure(Hop hop, String cause, String checkId, String summary) {}
