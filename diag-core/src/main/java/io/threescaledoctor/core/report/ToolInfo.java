package io.threescaledoctor.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The doctor's name and version, as built. */
public final class ToolInfo {
  public static final String NAME = "3scale-doctor";
  private static final String VERSION = readVersion();

  private ToolInfo() {}

  public static String version() {
    return VERSION;
  }

  private static String readVersion() {
    try (InputStream in =
        ToolInfo.class.getResourceAsStream("/threescale-doctor-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
