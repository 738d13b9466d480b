/**
 * TCP reachability: {@code tcp.connect} tries every address an endpoint resolves to and reports
 * each one's outcome and connect time.
 */
package io.threescaledoctor.checks.tcp;
