/**
 * The 3scale system (admin portal) database, read only over JDBC: the tables the guide (§1.5.3)
 * says grow without bound unless purged, their retention, and the manual purge of {@code alerts}.
 */
package io.threescaledoctor.checks.system;
