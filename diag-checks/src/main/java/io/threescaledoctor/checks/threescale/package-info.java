/**
 * 3scale-aware checks: the Service Management API (authorize, authrep), the Account Management API
 * of the admin portal (read only), the backend's error-code catalog, and the 3scale toolbox's
 * remotes file.
 */
package io.threescaledoctor.checks.threescale;
