package io.threescaledoctor.core.issue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Reads a catalog file (a YAML list of entries) into maps, lists and strings with Jackson's
 * streaming parsers. The catalogs are read at start-up, where binding them through an ObjectMapper
 * loaded some six hundred classes on every run. Scalars stay text, as written: the caller decides
 * what is a number.
 *
 * <p>YAML is what people write and what extension jars ship. The build also compiles the doctor's
 * own catalogs to JSON beside them ({@link #main}), because a cold JVM parses the JSON in less than
 * half the time, which is a sixth of a short command's start-up; the JSON copy names the checksum
 * of the YAML it was made from and is used only for those very bytes.
 */
public final class CatalogYaml {
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final JsonFactory JSON = new JsonFactory();
  private static final String CHECKSUM = "yamlCrc32";
  private static final String ENTRIES = "entries";

  private CatalogYaml() {}

  /** The entries of {@code in}; {@code where} names the file in errors. */
  public static List<Map<String, Object>> entries(InputStream in, String where) throws IOException {
    try (JsonParser parser = YAML.createParser(in)) {
      parser.nextToken();
      return list(parser, where);
    }
  }

  /**
   * The entries of the YAML catalog at {@code yaml}, read from the JSON copy the build made beside
   * it when that copy was made from these bytes, else from the YAML itself.
   *
   * <p>The command-line jar appends the modules' catalogs into one file (YAML lists concatenate)
   * and their JSON copies into one (a sequence of JSON documents), a newline after each: each
   * document then vouches for its own stretch of the YAML.
   */
  public static List<Map<String, Object>> entries(URL yaml, String where) throws IOException {
    byte[] bytes;
    try (InputStream in = yaml.openStream()) {
      bytes = in.readAllBytes();
    }
    try (InputStream in = new URL(yaml, jsonName(yaml.getPath())).openStream();
        JsonParser parser = JSON.createParser(in)) {
      List<Map<String, Object>> all = new ArrayList<>();
      int offset = 0;
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        if (parser.nextToken() != JsonToken.FIELD_NAME
            || !CHECKSUM.equals(parser.currentName())
            || parser.nextToken() != JsonToken.VALUE_STRING) {
          return entries(new ByteArrayInputStream(bytes), where);
        }
        String part = parser.getText();
        int at = partAt(bytes, offset, part);
        if (at < 0
            || parser.nextToken() != JsonToken.FIELD_NAME
            || !ENTRIES.equals(parser.currentName())) {
          return entries(new ByteArrayInputStream(bytes), where);
        }
        parser.nextToken();
        all.addAll(list(parser, where));
        parser.nextToken();
        offset = at + Integer.parseInt(part.substring(part.indexOf(':') + 1));
      }
      if (offset > 0 && onlyNewlines(bytes, offset)) {
        return all;
      }
    } catch (FileNotFoundException noCopy) {
      // Not compiled (an extension's catalog, or classes built without Maven): read the YAML.
    }
    return entries(new ByteArrayInputStream(bytes), where);
  }

  /**
   * Where the YAML stretch the checksum {@code part} names begins: at {@code offset}, or just after
   * the newline appended there; -1 when neither holds those bytes.
   */
  private static int partAt(byte[] yaml, int offset, String part) {
    int length = Integer.parseInt(part.substring(part.indexOf(':') + 1));
    for (int at = offset; at <= offset + 1 && at + length <= yaml.length; at++) {
      if (at > offset && yaml[offset] != '\n') {
        break;
      }
      if (part.equals(checksum(yaml, at, length))) {
        return at;
      }
    }
    return -1;
  }

  private static boolean onlyNewlines(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] != '\n') {
        return false;
      }
    }
    return true;
  }

  /**
   * Compiles catalogs to JSON at build time: {@code CLASSES-DIR RESOURCE.yaml...}, each written to
   * {@code RESOURCE.json} beside it.
   */
  public static void main(String[] args) throws IOException {
    Path classes = Path.of(args[0]);
    for (int i = 1; i < args.length; i++) {
      Path yaml = classes.resolve(args[i]);
      byte[] bytes = Files.readAllBytes(yaml);
      List<Map<String, Object>> entries = entries(new ByteArrayInputStream(bytes), args[i]);
      Path json = yaml.resolveSibling(jsonName(yaml.getFileName().toString()));
      try (OutputStream out = Files.newOutputStream(json);
          JsonGenerator g = JSON.createGenerator(out)) {
        g.writeStartObject();
        g.writeStringField(CHECKSUM, checksum(bytes, 0, bytes.length));
        g.writeFieldName(ENTRIES);
        write(g, entries);
        g.writeEndObject();
      }
    }
  }

  private static String jsonName(String yamlName) {
    String base = yamlName.substring(yamlName.lastIndexOf('/') + 1);
    return base.substring(0, base.lastIndexOf('.')) + ".json";
  }

  private static String checksum(byte[] bytes, int from, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, from, length);
    return Long.toHexString(crc.getValue()) + ":" + length;
  }

  private static void write(JsonGenerator g, Object value) throws IOException {
    if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName((String) e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        write(g, item);
      }
      g.writeEndArray();
    } else if (value == null) {
      g.writeNull();
    } else {
      g.writeString((String) value);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(JsonParser parser, String where)
      throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
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
