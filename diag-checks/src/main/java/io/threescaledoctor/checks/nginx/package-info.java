/**
 * nginx configuration forensics: a parser that follows {@code include}s and keeps file:line, a
 * linter for the guide's configuration traps (resolver, names resolved once, underscores in
 * credential headers, proxy timeouts, Lua code cache), and the {@code gateway.config} check.
 */
package io.threescaledoctor.checks.nginx;
