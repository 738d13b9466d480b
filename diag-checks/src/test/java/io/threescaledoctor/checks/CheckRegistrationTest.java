package io.threescaledoctor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.threescaledoctor.core.check.Check;
import io.threescaledoctor.core.engine.CheckRegistry;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the one-class-one-test-one-line rule: every check class in this module is registered, has
 * a test class, and the registry (unique ids, known dependencies, no cycles) loads.
 */
class CheckRegistrationTest {

  @Test
  void everyCheckClassIsRegisteredAndTested() throws Exception {
    List<String> registered =
        CheckRegistry.standard().all().stream().map(c -> c.getClass().getName()).toList();
    for (Class<?> type : checkClassesInThisModule()) {
      assertThat(registered)
          .as("%s is registered in META-INF/services/%s", type.getName(), Check.class.getName())
          .contains(type.getName());
      String testName = type.getName() + "Test";
      assertThat(classExists(testName)).as("%s has a test class %s", type, testName).isTrue();
    }
  }

  @Test
  void registryLoadsWithUniqueIdsAndKnownDependencies() {
    CheckRegistry registry = CheckRegistry.standard();
    assertThat(registry.all()).extracting(Check::id).doesNotHaveDuplicates();
    for (Check c : registry.all()) {
      assertThat(c.id()).matches("[a-z0-9]+(\\.[a-z0-9-]+)+");
      assertThat(c.description()).isNotBlank();
    }
  }

  @Test
  void catalogLoadsFromEveryModule() {
    assertThat(KnownIssueCatalog.standard().all()).isNotEmpty();
  }

  private static boolean classExists(String name) {
    try {
      Class.forName(name);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static List<Class<?>> checkClassesInThisModule() throws IOException, URISyntaxException {
    Path classes =
        Path.of(
                CheckRegistrationTest.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI())
            .resolveSibling("classes");
    try (Stream<Path> files = Files.walk(classes)) {
      return files
          .filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$"))
          .map(p -> classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
          .map(CheckRegistrationTest::load)
          .filter(
              c ->
                  Check.class.isAssignableFrom(c)
                      && !c.isInterface()
                      && !Modifier.isAbstract(c.getModifiers()))
          .toList();
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
