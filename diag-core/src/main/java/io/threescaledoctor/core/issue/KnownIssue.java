package io.threescaledoctor.core.issue;

import io.threescaledoctor.core.check.Hop;

/**
 * A cause the doctor can name: a stable kebab-case id (never renamed), the hop it belongs to, a
 * title, an explanation, a remedy in the guide's spirit, and the guide section.
 */
public record KnownIssue(
    String id, Hop hop, String title, String explanation, String remedy, String reference) {}
