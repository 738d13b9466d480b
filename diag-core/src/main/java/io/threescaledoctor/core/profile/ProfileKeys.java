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
 * edit. Used to validate overrides and for completion in the shell. Settings of checks of your own
 * ({@code extensions.EXTENSION.SETTING}) are keys too, though {@link #all()} cannot list them.
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

  /**
   * The key named {@code name}: one of {@link #all()}, or an extension setting, {@code
   * extensions.EXTENSION.SETTING} (the last dot separates the setting's name).
   */
  public static Optional<Key> find(String name) {
    Optional<Key> fixed = KEYS.stream().filter(k -> k.name().equals(name)).findFirst();
    if (fixed.isPresent() || extensionPath(name).isEmpty()) {
      return fixed;
    }
    return Optional.of(new Key(name, Shape.SCALAR, false));
  }

  /**
   * For {@code extensions.EXTENSION.SETTING}, the extension id and the setting name; empty for any
   * other key.
   */
  public static Optional<List<String>> extensionPath(String name) {
    String prefix = ProfileBuilder.EXTENSIONS + ".";
    int last = name.lastIndexOf('.');
    if (!name.startsWith(prefix) || last <= prefix.length()) {
      return Optional.empty();
    }
    return Optional.of(List.of(name.substring(prefix.length(), last), name.substring(last + 1)));
  }

  private static List<Key> collect() {
    List<Key> keys = new ArrayList<>();
    for (RecordComponent section : Profile.class.getRecordComponents()) {
      Class<?> type = section.getType();
      if (section.getName().equals(ProfileBuilder.EXTENSIONS)) {
        continue; // keys of their own, found by find()
      }
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

  static String jsonName(RecordComponent field) {
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
