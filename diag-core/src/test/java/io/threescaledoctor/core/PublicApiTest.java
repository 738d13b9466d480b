package io.threescaledoctor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API an embedder may use, as README's "Public API" section lists it: every type here is
 * stable, nothing it exposes is a type that is not, and every public type of a stable package is
 * either listed or named as unstable on purpose. A new public type, or a signature that starts to
 * expose an unstable one, fails this test until the list (and the README) says what it is.
 */
class PublicApiTest {
  private static final String ROOT = "io.threescaledoctor.core";

  /** Packages whose public types are stable, apart from {@link #UNSTABLE_IN_STABLE_PACKAGES}. */
  private static final Set<String> STABLE_PACKAGES =
      Set.of(
          ROOT,
          ROOT + ".check",
          ROOT + ".diagnosis",
          ROOT + ".fleet",
          ROOT + ".issue",
          ROOT + ".profile",
          ROOT + ".report");

  /** Stable types of an otherwise unstable package. */
  private static final Set<String> STABLE_ELSEWHERE =
      Set.of(
          ROOT + ".engine.EngineListener",
          ROOT + ".engine.CheckRun",
          ROOT + ".engine.Cancellation");

  /** Public for the other modules' sake, carrying no promise. */
  private static final Set<String> UNSTABLE_IN_STABLE_PACKAGES =
      Set.of(ROOT + ".issue.CatalogYaml");

  /** Third-party types the API shows: Jackson's tree and mapper (JsonReportRenderer.toTree). */
  private static final List<String> ALLOWED_FOREIGN = List.of("java.", "com.fasterxml.jackson.");

  @Test
  void everyPublicTypeOfAStablePackageIsListedAsStableOrNamedUnstable() throws Exception {
    List<String> stable = stableTypes();
    assertThat(stable)
        .as("the API the README lists")
        .contains(
            ROOT + ".Doctor",
            ROOT + ".check.Check",
            ROOT + ".profile.Profile$Builder",
            ROOT + ".engine.EngineListener");
    assertThat(stable).doesNotContainAnyElementsOf(UNSTABLE_IN_STABLE_PACKAGES);
  }

  @Test
  void noStableSignatureExposesAnUnstableType() throws Exception {
    Set<String> stable = new TreeSet<>(stableTypes());
    List<String> leaks = new ArrayList<>();
    for (String name : stable) {
      Class<?> type = Class.forName(name);
      for (Type t : exposedTypes(type)) {
        for (Class<?> used : classesIn(t)) {
          Class<?> top = used;
          while (top.isArray()) {
            top = top.getComponentType();
          }
          if (top.isPrimitive()) {
            continue;
          }
          String n = top.getName();
          boolean ours = n.startsWith("io.threescaledoctor.");
          boolean ok = ours ? stable.contains(n) : ALLOWED_FOREIGN.stream().anyMatch(n::startsWith);
          if (!ok) {
            leaks.add(name + " exposes " + n);
          }
        }
      }
    }
    assertThat(leaks).as("stable API exposing unstable or foreign types").isEmpty();
  }

  /** Every public type (nested ones included) of the stable packages, plus the listed others. */
  private static List<String> stableTypes() throws Exception {
    Path classes =
        Path.of(Doctor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> out = new ArrayList<>(STABLE_ELSEWHERE);
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name =
            classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (name.endsWith("package-info") || name.matches(".*\\$\\d.*")) {
          continue;
        }
        Class<?> c = Class.forName(name);
        if (!STABLE_PACKAGES.contains(c.getPackageName()) || !isPublicAllTheWay(c)) {
          continue;
        }
        if (!UNSTABLE_IN_STABLE_PACKAGES.contains(name)) {
          out.add(name);
        }
      }
    }
    for (String name : STABLE_ELSEWHERE) {
      for (Class<?> nested : Class.forName(name).getClasses()) {
        out.add(nested.getName());
      }
    }
    return out;
  }

  private static boolean isPublicAllTheWay(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static List<Type> exposedTypes(Class<?> type) {
    List<Type> out = new ArrayList<>();
    if (type.getGenericSuperclass() != null) {
      out.add(type.getGenericSuperclass());
    }
    out.addAll(List.of(type.getGenericInterfaces()));
    for (Method m : type.getDeclaredMethods()) {
      if (visible(m.getModifiers()) && !m.isSynthetic()) {
        out.add(m.getGenericReturnType());
        out.addAll(List.of(m.getGenericParameterTypes()));
        out.addAll(List.of(m.getGenericExceptionTypes()));
      }
    }
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (visible(c.getModifiers())) {
        out.addAll(List.of(c.getGenericParameterTypes()));
        out.addAll(List.of(c.getGenericExceptionTypes()));
      }
    }
    for (Field f : type.getDeclaredFields()) {
      if (visible(f.getModifiers()) && !f.isSynthetic()) {
        out.add(f.getGenericType());
      }
    }
    if (type.isRecord()) {
      for (RecordComponent rc : type.getRecordComponents()) {
        out.add(rc.getGenericType());
      }
    }
    return out;
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static List<Class<?>> classesIn(Type t) {
    List<Class<?>> out = new ArrayList<>();
    if (t instanceof Class<?> c) {
      out.add(c);
    } else if (t instanceof ParameterizedType p) {
      out.addAll(classesIn(p.getRawType()));
      for (Type a : p.getActualTypeArguments()) {
        out.addAll(classesIn(a));
      }
    } else if (t instanceof GenericArrayType g) {
      out.addAll(classesIn(g.getGenericComponentType()));
    } else if (t instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) {
        out.addAll(classesIn(b));
      }
      for (Type b : w.getLowerBounds()) {
        out.addAll(classesIn(b));
      }
    } else if (t instanceof TypeVariable<?> v) {
      for (Type b : v.getBounds()) {
        out.addAll(classesIn(b));
      }
    }
    return out;
  }
}
