package io.threescaledoctor.cli.launcher;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Stands in for the doctor's jar: says which arguments, JVM options, collector and class path it
 * got. The launcher test puts it in a jar behind a generated {@code io.threescaledoctor.cli.Main}.
 */
public final class LauncherProbe {
  private LauncherProbe() {}

  public static void main(String[] args) throws IOException {
    System.in.readAllBytes();
    List<String> collectors =
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName)
            .toList();
    System.out.println("args=" + String.join(" ", args));
    System.out.println(
        "jvm=" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    System.out.println("collectors=" + collectors);
    System.out.println("classpath=" + System.getProperty("java.class.path"));
  }
}
