/**
 * APIcast awareness: the doctor's own probe request through the gateway, APIcast's client-facing
 * answers and debug headers, and its management API.
 */
package io.threescaledoctor.checks.apicast;
