package io.threescaledoctor.checks.tls;

/** The class path a forked test JVM needs to load this module's test classes. */
final class TestClassPath {
  private TestClassPath() {}

  /** Surefire's full test class path when it set one, this JVM's otherwise. */
  static String get() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }
}
