package io.threescaledoctor.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusTest {
  @Test
  void aFailureOutweighsAnErrorWhichOutweighsAWarningAPassAndASkip() {
    Status[] mildestFirst = {Status.SKIP, Status.PASS, Status.WARN, Status.ERROR, Status.FAIL};
    for (int i = 0; i < mildestFirst.length; i++) {
      for (int j = 0; j < mildestFirst.length; j++) {
        Status expected = mildestFirst[Math.max(i, j)];
        assertThat(Status.worst(mildestFirst[i], mildestFirst[j]))
            .as("%s and %s", mildestFirst[i], mildestFirst[j])
            .isEqualTo(expected);
      }
    }
  }
}
