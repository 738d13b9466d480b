package io.threescaledoctor.cli.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * JLine's history, fed only masked lines: the masking happens before the line reaches memory or the
 * history file, so neither up-arrow nor {@code ~/.3scale-doctor/history} can show a secret.
 */
final class MaskingHistory extends DefaultHistory {
  private final HistoryMasker masker;

  MaskingHistory(HistoryMasker masker) {
    this.masker = masker;
  }

  @Override
  public void add(Instant time, String line) {
    super.add(time, masker.mask(line));
  }

  /**
   * JLine turns an unreadable history file into an IOException, which it survives, but lets a
   * decoding error escape unchecked, which would end the shell; both become the former.
   */
  @Override
  public void load() throws IOException {
    try {
      super.load();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
