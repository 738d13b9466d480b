package io.threescaledoctor.it;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests the one {@link ApisonatorKit} of the suite: started by the first test class that asks
 * for it, kept in the root store, and closed (stopped by PID) when the test run ends, or by a
 * shutdown hook if the JVM ends first.
 */
final class RealBackend implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    return parameter.getParameter().getType() == ApisonatorKit.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    return extension
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(RealBackend.class))
        .getOrComputeIfAbsent(ApisonatorKit.class, key -> start(), ApisonatorKit.class);
  }

  private static ApisonatorKit start() {
    try {
      ApisonatorKit kit = ApisonatorKit.start(ApisonatorKit.kitDirectory());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(kit), "apisonator-stop"));
      return kit;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the real 3scale backend: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(ApisonatorKit kit) {
    try {
      kit.close();
    } catch (Exception alreadyReported) {
      // the store closed it first, or the JVM is going down anyway
    }
  }
}
