package io.threescaledoctor.core.issue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a catalog file (a YAML list of entries) into maps, lists and strings with Jackson's
 * streaming YAML parser. The catalogs are read at start-up, where binding them through an
 * ObjectMapper loaded some six hundred classes on every run. Scalars stay text, as written: the
 * caller decides what is a number.
 */
public final class CatalogYaml {
  private static final YAMLFactory YAML = new YAMLFactory();

  private CatalogYaml() {}

  /** The entries of {@code in}; {@code where} names the file in errors. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> entries(InputStream in, String where) throws IOException {
    try (JsonParser parser = YAML.createParser(in)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalStateException(where + ": a catalog is a list of entries");
      }
      List<Map<String, Object>> entries = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
          throw new IllegalStateException(
              where + ": line " + parser.currentLocation().getLineNr() + " is not an entry");
        }
        entries.add((Map<String, Object>) value(parser));
      }
      return entries;
    }
  }

  private static Object value(JsonParser parser) throws IOException {
    switch (parser.currentToken()) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          parser.nextToken();
          map.put(key, value(parser));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(parser));
        }
        return list;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> {
        return parser.getText();
      }
    }
  }
}
