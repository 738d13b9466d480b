/** The known-issue catalog: every cause the doctor can name, as data. */
package io.threescaledoctor.core.issue;
