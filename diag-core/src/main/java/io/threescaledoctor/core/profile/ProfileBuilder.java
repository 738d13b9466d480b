package io.threescaledoctor.core.profile;

import io.threescaledoctor.core.check.Secret;
import io.threescaledoctor.core.check.Setting;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@link Profile.Builder} turns dotted keys into the profile's records and back, by walking the
 * record components, as {@link ProfileKeys} does: a key added to a section record needs no code
 * here, only its method on the builder (which {@code ProfileBuilderTest} demands for every key).
 */
final class ProfileBuilder {
  static final String EXTENSIONS = "extensions";

  private ProfileBuilder() {}

  static Profile assemble(Profile.Builder b) {
    RecordComponent[] sections = Profile.class.getRecordComponents();
    Object[] args = new Object[sections.length];
    for (int i = 0; i < sections.length; i++) {
      RecordComponent section = sections[i];
      Class<?> type = section.getType();
      if (section.getName().equals(EXTENSIONS)) {
        args[i] = b.extensions;
      } else if (type.isRecord()) {
        RecordComponent[] fields = type.getRecordComponents();
        Object[] values = new Object[fields.length];
        for (int j = 0; j < fields.length; j++) {
          values[j] = b.values.get(section.getName() + "." + ProfileKeys.jsonName(fields[j]));
        }
        args[i] = construct(type, values);
      } else {
        args[i] = b.values.get(section.getName());
      }
    }
    return (Profile) construct(Profile.class, args);
  }

  static Profile.Builder from(Profile p, Profile.Builder b) {
    for (RecordComponent section : Profile.class.getRecordComponents()) {
      Object value = read(section, p);
      if (section.getName().equals(EXTENSIONS)) {
        b.extensions = new LinkedHashMap<>(p.extensions());
      } else if (section.getType().isRecord()) {
        for (RecordComponent field : section.getType().getRecordComponents()) {
          Object v = read(field, value);
          if (v != null) {
            b.values.put(section.getName() + "." + ProfileKeys.jsonName(field), v);
          }
        }
      } else if (value != null) {
        b.values.put(section.getName(), value);
      }
    }
    return b;
  }

  /** The dotted keys this profile sets, with their values (secrets raw), in section order. */
  static Map<String, Object> values(Profile p) {
    return from(p, Profile.builder()).values;
  }

  private static Object read(RecordComponent c, Object record) {
    // vantage() answers client when the profile states none; a copy must keep it unstated, or
    // the run could no longer infer it.
    if (record instanceof Profile p && c.getName().equals("vantage")) {
      return p.statedVantage().orElse(null);
    }
    try {
      return c.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c.getName(), e);
    }
  }

  private static Object construct(Class<?> type, Object[] args) {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    try {
      Constructor<?> canonical = type.getDeclaredConstructor(types);
      return canonical.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
    }
  }

  /**
   * The extensions section as the profile holds it: unmodifiable, in the order written, each value
   * a String, a list of Strings or a {@link Secret}; YAML numbers and booleans become their text.
   *
   * @throws IllegalArgumentException naming the key of a value that is a mapping, or of an
   *     extension id or setting name that breaks the naming rule
   */
  static Map<String, Map<String, Object>> normalizeExtensions(
      Map<String, Map<String, Object>> raw) {
    if (raw == null || raw.isEmpty()) {
      return Map.of();
    }
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Object>> e : raw.entrySet()) {
      String id = e.getKey();
      if (!Setting.isExtensionId(id)) {
        throw new IllegalArgumentException(
            EXTENSIONS
                + "."
                + id
                + ": an extension id is lower-case words or digits joined by dots or dashes"
                + " (myapp.redis)");
      }
      if (e.getValue() == null) {
        continue;
      }
      Map<String, Object> settings = new LinkedHashMap<>();
      for (Map.Entry<String, Object> v : e.getValue().entrySet()) {
        String key = EXTENSIONS + "." + id + "." + v.getKey();
        if (!Setting.isSettingName(v.getKey())) {
          throw new IllegalArgumentException(
              key + ": a setting name is camelCase letters and digits (readTimeout)");
        }
        Object value = v.getValue();
        if (value == null) {
          continue;
        }
        if (value instanceof Map<?, ?>) {
          throw new IllegalArgumentException(
              key + ": a setting is one value or a list of values, not a mapping");
        }
        if (value instanceof Collection<?> items) {
          List<String> texts = new ArrayList<>();
          for (Object item : items) {
            if (item instanceof Map<?, ?> || item instanceof Collection<?>) {
              throw new IllegalArgumentException(key + ": a list of values may not nest");
            }
            texts.add(String.valueOf(item));
          }
          settings.put(v.getKey(), List.copyOf(texts));
        } else {
          settings.put(v.getKey(), value instanceof Secret ? value : String.valueOf(value));
        }
      }
      if (!settings.isEmpty()) {
        out.put(id, Collections.unmodifiableMap(settings));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** {@code extensions} with the values of declared secret settings as {@link Secret}s. */
  static Map<String, Map<String, Object>> secretsWrapped(
      Map<String, Map<String, Object>> extensions, Collection<Setting> declared) {
    Map<String, Map<String, Object>> out = null;
    for (Setting s : declared) {
      if (s.kind() != Setting.Kind.SECRET) {
        continue;
      }
      Object v = extensions.getOrDefault(s.extension(), Map.of()).get(s.name());
      if (v instanceof String text) {
        if (out == null) {
          out = new LinkedHashMap<>(extensions);
        }
        Map<String, Object> settings = new LinkedHashMap<>(out.get(s.extension()));
        settings.put(s.name(), Secret.of(text));
        out.put(s.extension(), settings);
      }
    }
    return out == null ? extensions : out;
  }
}
