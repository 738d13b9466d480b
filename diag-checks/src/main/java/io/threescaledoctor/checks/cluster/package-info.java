/**
 * OpenShift-native diagnosis of a 3scale installation: one model of the installation ({@link
 * io.threescaledoctor.checks.cluster.Installation}) read live through the Kubernetes API ({@link
 * io.threescaledoctor.checks.cluster.LiveReader}, read-only) or offline from a must-gather / {@code
 * oc adm inspect} bundle ({@link io.threescaledoctor.checks.cluster.BundleReader}); judgements
 * written once against it ({@link io.threescaledoctor.checks.cluster.ClusterChecks}); the profile a
 * run needs, built from routes and secrets ({@link
 * io.threescaledoctor.checks.cluster.ClusterProfile}); and the linter for the operator's custom
 * resources ({@link io.threescaledoctor.checks.cluster.CustomResourceLinter}).
 */
package io.threescaledoctor.checks.cluster;
