/**
 * OpenAPI import preview (guide §2.5): what {@code 3scale import openapi} would do with a
 * definition, where it will hurt, and, with an admin portal, what it would add, replace and delete
 * in the existing service. Reading a file makes no network call.
 */
package io.threescaledoctor.checks.openapi;
