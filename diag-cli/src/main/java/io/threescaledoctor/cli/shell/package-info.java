/**
 * {@code 3scale-doctor shell}: the interactive troubleshooting shell. Every command of the command
 * line works inside it, over a session profile the engineer edits with {@code set}; {@code walk}
 * goes through the guide's checklist hop by hop and records what the engineer saw where the doctor
 * cannot look; {@code report save} writes the session up for a support ticket.
 *
 * <p>This is the only package that uses JLine.
 */
package io.threescaledoctor.cli.shell;
