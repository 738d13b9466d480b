/** The gateway host's processes, read from {@code /proc}: is nginx running, since when. */
package io.threescaledoctor.checks.process;
