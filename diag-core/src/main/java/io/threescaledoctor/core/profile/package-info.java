/** The profile: a customer's setup as YAML, with environment interpolation and overrides. */
package io.threescaledoctor.core.profile;
