/**
 * The in-process demo world for {@code 3scale-doctor demo}: a fake API, a fake 3scale Service
 * Management API answering with apisonator's XML, and a gateway stand-in that authorizes each call
 * and proxies it the way APIcast does, all on the loopback address, with one fault injected.
 * Internal: no compatibility promise.
 */
package io.threescaledoctor.cli.demo;
