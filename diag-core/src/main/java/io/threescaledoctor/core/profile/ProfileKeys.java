package io.threescaledoctor.core.profile;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.threescaledoctor.core.check.Secret;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every dotted key a profile accepts ({@code gateway.url}, {@code credentials.userKey}, ...), read
 * from the {@link Profile} records themselves so that a new field is a new key with no list to
 * edit. Used to validate overrides and for completion in the shell.
 */
public final class ProfileKeys {
  /** What kind of value a key takes, which decides how an override string is read. */
  public enum Shape {
    SCALAR,
    LIST,
    MAP
  }

  /** One key, its shape and whether its value is a secret. */
  public record Key(String name, Shape shape, boolean secret) {}

  private static final List<Key> KEYS = collect();

  private ProfileKeys() {}

  public static List<Key> all() {
    return KEYS;
  }

  public static List<String> names() {
    return KEYS.stream().map(Key::name).toList();
  }

  public static Optional<Key> find(String name) {
    return KEYS.stream().filter(k -> k.name().equals(name)).findFirst();
  }

  private static List<Key> collect() {
    List<Key> keys = new ArrayList<>();
    for (RecordComponent section : Profile.class.getRecordComponents()) {
      Class<?> type = section.getType();
      if (type.isRecord()) {
        for (RecordComponent field : type.getRecordComponents()) {
          keys.add(
              new Key(
                  section.getName() + "." + jsonName(field),
                  shapeOf(field),
                  field.getType() == Secret.class));
        }
      } else {
        keys.add(new Key(section.getName(), Shape.SCALAR, false));
      }
    }
    return List.copyOf(keys);
  }

  private static String jsonName(RecordComponent field) {
    JsonProperty renamed = field.getAccessor().getAnnotation(JsonProperty.class);
    if (renamed == null) {
      renamed = field.getAnnotation(JsonProperty.class);
    }
    return renamed != null && !renamed.value().isEmpty() ? renamed.value() : field.getName();
  }

  private static Shape shapeOf(RecordComponent field) {
    Class<?> type = field.getType();
    if (Collection.class.isAssignableFrom(type)
        || (field.getGenericType() instanceof ParameterizedType && List.class == type)) {
      return Shape.LIST;
    }
    if (Map.class.isAssignableFrom(type)) {
      return Shape.MAP;
    }
    return Shape.SCALAR;
  }
}
