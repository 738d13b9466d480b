package io.threescaledoctor.core.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.threescaledoctor.core.check.Endpoint;
import io.threescaledoctor.core.check.Redactor;
import io.threescaledoctor.core.check.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a profile from YAML, interpolates {@code ${ENV_VAR}} (and {@code ${ENV_VAR:-default}}),
 * applies overrides such as {@code gateway.url=https://...} (CLI flags, the shell's {@code set}),
 * and validates URLs. Every failure is a {@link ProfileException} whose message names the file,
 * line and key.
 */
public final class ProfileLoader {
  private static final Pattern ENV_REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
  private static final long MAX_PROFILE_BYTES = 1 << 20;

  private final UnaryOperator<String> environment;
  private ObjectMapper mapper;

  /** A loader that reads the process environment. */
  public ProfileLoader() {
    this(System::getenv);
  }

  /** A loader that reads variables from {@code environment} (tests hand in a map's {@code get}). */
  public ProfileLoader(UnaryOperator<String> environment) {
    this.environment = environment;
  }

  /** Made on first use: a run with neither profile nor flags never pays for it. */
  private ObjectMapper mapper() {
    if (mapper == null) {
      mapper = newMapper();
    }
    return mapper;
  }

  /** The mapper profiles are read and written with; secrets serialize masked. */
  public static ObjectMapper newMapper() {
    SimpleModule module = new SimpleModule("threescale-doctor-profile");
    module.addDeserializer(Secret.class, new SecretDeserializer());
    module.addSerializer(Secret.class, new MaskedSecretSerializer());
    module.addDeserializer(Duration.class, new DurationDeserializer());
    module.addSerializer(Duration.class, new DurationSerializer());
    return YAMLMapper.builder(
            YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .addModule(module)
        .build();
  }

  /** Loads {@code file}, then applies {@code overrides} (profile key → value). */
  public Profile load(Path file, Map<String, String> overrides) throws ProfileException {
    String where = file.toString();
    String text = read(file);
    String interpolated = interpolate(text, where);
    ObjectNode tree = parse(interpolated, where);
    return bind(tree, overrides, where, interpolated);
  }

  /** A profile from overrides alone, for runs without {@code --config}. */
  public Profile fromOverrides(Map<String, String> overrides) throws ProfileException {
    if (overrides.isEmpty()) {
      return Profile.empty();
    }
    return bind(JsonNodeFactory.instance.objectNode(), overrides, "command line", "");
  }

  /** Parses YAML text, as if it were a file named {@code where}. */
  public Profile parse(String yaml, String where, Map<String, String> overrides)
      throws ProfileException {
    String interpolated = interpolate(yaml, where);
    return bind(parse(interpolated, where), overrides, where, interpolated);
  }

  /**
   * {@code base} with {@code overrides} (profile key → value) applied as {@code --set} applies
   * them, validated as a loaded profile is: what {@code Doctor.builder().profile(p).set(k, v)}
   * does.
   */
  public Profile withOverrides(Profile base, Map<String, String> overrides)
      throws ProfileException {
    if (overrides.isEmpty()) {
      validate(base, "profile", null);
      return base;
    }
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    ProfileBuilder.values(base).forEach((key, value) -> put(tree, key.split("\\."), value));
    base.extensions()
        .forEach(
            (id, settings) ->
                settings.forEach(
                    (name, value) -> put(tree, new String[] {"extensions", id, name}, value)));
    return bind(tree, overrides, "profile", "");
  }

  /** Puts a typed profile value into a YAML tree, as a profile file would write it. */
  private static void put(ObjectNode tree, String[] path, Object value) {
    ObjectNode node = tree;
    for (int i = 0; i < path.length - 1; i++) {
      node = node.has(path[i]) ? (ObjectNode) node.get(path[i]) : node.putObject(path[i]);
    }
    node.set(path[path.length - 1], toNode(value));
  }

  private static JsonNode toNode(Object value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (value instanceof Secret s) {
      return f.textNode(s.reveal());
    } else if (value instanceof Duration d) {
      return f.textNode(Durations.format(d));
    } else if (value instanceof Boolean b) {
      return f.booleanNode(b);
    } else if (value instanceof Number n) {
      return f.numberNode(n.longValue());
    } else if (value instanceof Enum<?> e) {
      return f.textNode(e.name().toLowerCase());
    } else if (value instanceof List<?> list) {
      ArrayNode array = f.arrayNode();
      list.forEach(item -> array.add(toNode(item)));
      return array;
    } else if (value instanceof Map<?, ?> map) {
      ObjectNode object = f.objectNode();
      map.forEach((k, v) -> object.set(String.valueOf(k), toNode(v)));
      return object;
    }
    return f.textNode(String.valueOf(value));
  }

  /** Writes a profile as YAML with every secret masked, for {@code show} and reports. */
  public String toMaskedYaml(Profile profile) {
    try {
      // Secrets typed as Secret serialize masked; the admin token sits inside a URL string.
      return Redactor.of(profile.secrets()).mask(mapper().writeValueAsString(profile));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write profile", e);
    }
  }

  private static String read(Path file) throws ProfileException {
    try {
      if (Files.isDirectory(file)) {
        throw new ProfileException(file + ": is a directory, not a profile file");
      }
      if (Files.size(file) > MAX_PROFILE_BYTES) {
        throw new ProfileException(file + ": too large for a profile (over 1 MiB)");
      }
      byte[] bytes = Files.readAllBytes(file);
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (NoSuchFileException e) {
      throw new ProfileException(file + ": no such profile file");
    } catch (CharacterCodingException e) {
      throw new ProfileException(file + ": not a text file (invalid UTF-8)");
    } catch (IOException e) {
      throw new ProfileException(file + ": cannot read: " + e.getMessage());
    }
  }

  private String interpolate(String text, String where) throws ProfileException {
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.stripLeading().startsWith("#")) {
        out.append(line);
      } else {
        Matcher m = ENV_REFERENCE.matcher(line);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
          String value = environment.apply(m.group(1));
          if (value == null) {
            if (m.group(2) == null) {
              throw new ProfileException(
                  where + ":" + (i + 1) + ": environment variable " + m.group(1) + " is not set");
            }
            value = m.group(2);
          }
          m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        out.append(sb);
      }
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  private ObjectNode parse(String yaml, String where) throws ProfileException {
    try {
      JsonNode node = mapper().readTree(yaml);
      if (node == null || node.isMissingNode() || node.isNull()) {
        return JsonNodeFactory.instance.objectNode();
      }
      if (!node.isObject()) {
        throw new ProfileException(
            where
                + ": a profile is a YAML mapping of keys (gateway:, api:, ...), found "
                + node.getNodeType().toString().toLowerCase());
      }
      return (ObjectNode) node;
    } catch (JsonProcessingException e) {
      throw new ProfileException(
          where
              + located(e.getLocation())
              + ": invalid YAML: "
              + firstLine(e.getOriginalMessage()));
    }
  }

  private Profile bind(ObjectNode tree, Map<String, String> overrides, String where, String text)
      throws ProfileException {
    // Validate the file as written first, so errors carry the file's own line numbers.
    if (!tree.isEmpty() && !text.isEmpty()) {
      try {
        mapper().readValue(text, Profile.class);
      } catch (JsonProcessingException e) {
        throw new ProfileException(where + locatedKey(e, text) + ": " + describe(e));
      }
    }
    for (Map.Entry<String, String> o : overrides.entrySet()) {
      apply(tree, o.getKey(), o.getValue());
    }
    Profile profile;
    try {
      profile = mapper().treeToValue(tree, Profile.class);
    } catch (JsonProcessingException e) {
      throw new ProfileException("override: " + describe(e));
    } catch (IllegalArgumentException e) {
      throw new ProfileException("override: " + firstLine(e.getMessage()));
    }
    validate(profile, where, text);
    return profile;
  }

  private static void apply(ObjectNode tree, String key, String value) throws ProfileException {
    ProfileKeys.Key spec =
        ProfileKeys.find(key)
            .orElseThrow(
                () ->
                    new ProfileException(
                        "unknown profile key '"
                            + key
                            + "' (known keys: "
                            + String.join(", ", ProfileKeys.names())
                            + ", extensions.EXTENSION.SETTING)"));
    String[] parts =
        ProfileKeys.extensionPath(key)
            .map(p -> new String[] {"extensions", p.get(0), p.get(1)})
            .orElseGet(() -> key.split("\\."));
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (!(child instanceof ObjectNode)) {
        child = node.putObject(parts[i]);
      }
      node = (ObjectNode) child;
    }
    String leaf = parts[parts.length - 1];
    if (value == null) {
      node.remove(leaf);
      return;
    }
    switch (spec.shape()) {
      case LIST -> {
        ArrayNode array = node.putArray(leaf);
        for (String item : value.split(",")) {
          if (!item.isBlank()) {
            array.add(item.trim());
          }
        }
      }
      case MAP -> {
        ObjectNode map = node.putObject(leaf);
        for (String item : value.split(",")) {
          int eq = item.indexOf('=');
          if (eq <= 0) {
            throw new ProfileException(
                key + ": '" + item.trim() + "' is not NAME=VALUE (give pairs separated by commas)");
          }
          map.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
        }
      }
      default -> node.put(leaf, value);
    }
  }

  static void validate(Profile p, String where, String text) throws ProfileException {
    checkUrl(p.gateway().url(), "gateway.url", where, text);
    checkUrl(p.gateway().management(), "gateway.management", where, text);
    checkUrl(p.api().url(), "api.url", where, text);
    checkUrl(p.threescale().backend(), "threescale.backend", where, text);
    checkUrl(p.threescale().adminUrl().orElse(null), "threescale.admin", where, text);
    checkUrl(p.network().proxy(), "network.proxy", where, text);
    for (Endpoint e : Endpoint.values()) {
      String own =
          switch (e) {
            case API -> p.api().proxy();
            case GATEWAY -> p.gateway().proxy();
            case BACKEND -> p.threescale().backendProxy();
            case ADMIN -> p.threescale().adminProxy();
          };
      if (own != null && !Profile.DIRECT.equalsIgnoreCase(own.trim())) {
        checkUrl(own, Profile.endpointProxyKey(e), where, text);
      }
    }
    for (String pin : p.network().resolveOrEmpty()) {
      if (!pin.matches("[^:\\s]+:[0-9a-fA-F.:\\[\\]]+")) {
        throw new ProfileException(
            where
                + lineOf(text, pin)
                + ": network.resolve: '"
                + pin
                + "' is not NAME:IP (e.g. api.example.com:127.0.0.1)");
      }
    }
    String path = p.client().path();
    if (path != null && !path.startsWith("/")) {
      throw new ProfileException(
          where + lineOf(text, path) + ": client.path: '" + path + "' must start with /");
    }
    checkSystemDatabase(p.system().database(), where, text);
    checkWildcardDomain(p.gateway().wildcardDomain(), where, text);
  }

  private static void checkSystemDatabase(String url, String where, String text)
      throws ProfileException {
    if (url != null && !url.matches("(?i)jdbc:(mysql|mariadb|postgresql|oracle):.+")) {
      throw new ProfileException(
          where
              + lineOf(text, url)
              + ": system.database: '"
              + Profile.SystemDatabase.maskUrl(url)
              + "' is not a JDBC URL of MySQL, MariaDB, PostgreSQL or Oracle"
              + " (e.g. jdbc:mysql://system-mysql:3306/system)");
    }
  }

  private static void checkWildcardDomain(String domain, String where, String text)
      throws ProfileException {
    if (domain != null
        && !domain.matches(
            "(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\\.)*[A-Za-z0-9-]+\\.?")) {
      throw new ProfileException(
          where
              + lineOf(text, domain)
              + ": gateway.wildcardDomain: '"
              + domain
              + "' is not a domain name (write apps.example.com, as WILDCARD_DOMAIN)");
    }
  }

  private static void checkUrl(String url, String key, String where, String text)
      throws ProfileException {
    if (url == null) {
      return;
    }
    String problem = null;
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        problem = "is not an http:// or https:// URL";
      } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
        problem = "has no host";
      } else if (uri.getPort() > 65535) {
        problem = "has a port out of range";
      }
    } catch (URISyntaxException e) {
      problem = "is not a valid URL (" + e.getReason() + ")";
    }
    if (problem != null) {
      throw new ProfileException(
          where + lineOf(text, url) + ": " + key + ": '" + maskUserInfo(url) + "' " + problem);
    }
  }

  private static String maskUserInfo(String url) {
    return io.threescaledoctor.core.check.Redactor.patternsOnly().mask(url);
  }

  private static String lineOf(String text, String value) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(value)) {
        return ":" + (i + 1);
      }
    }
    return "";
  }

  /**
   * The line of the key an error is about, found by walking the key path through the text: YAML
   * parsers report where they stopped reading, which may be a line later.
   */
  private static String locatedKey(JsonProcessingException e, String text) {
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m
        && !m.getPath().isEmpty()) {
      String[] lines = text.split("\n", -1);
      int line = 0;
      boolean found = true;
      for (var ref : m.getPath()) {
        if (ref.getFieldName() == null) {
          continue;
        }
        Pattern key =
            Pattern.compile(
                "^\\s*(-\\s*)?[\"']?" + Pattern.quote(ref.getFieldName()) + "[\"']?\\s*:.*");
        int at = -1;
        for (int i = line; i < lines.length; i++) {
          if (key.matcher(lines[i]).matches()) {
            at = i;
            break;
          }
        }
        if (at < 0) {
          found = false;
          break;
        }
        line = at;
      }
      if (found) {
        return ":" + (line + 1);
      }
    }
    return located(e.getLocation());
  }

  private static String located(JsonLocation location) {
    if (location == null || location.getLineNr() <= 0) {
      return "";
    }
    return ":" + location.getLineNr();
  }

  private static String describe(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      String path = path(u.getPath());
      List<String> known = new ArrayList<>();
      if (u.getKnownPropertyIds() != null) {
        u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
      }
      known.sort(String::compareTo);
      return "unknown key '"
          + path
          + "'"
          + (known.isEmpty() ? "" : " (expected one of: " + String.join(", ", known) + ")");
    }
    if (e instanceof InvalidFormatException f) {
      return path(f.getPath())
          + ": '"
          + f.getValue()
          + "' is not a valid "
          + f.getTargetType().getSimpleName().toLowerCase()
          + enumHint(f.getTargetType());
    }
    if (e instanceof ValueInstantiationException v && v.getCause() != null) {
      return firstLine(v.getCause().getMessage());
    }
    if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
      return path(m.getPath()) + ": " + firstLine(m.getOriginalMessage());
    }
    return firstLine(e.getOriginalMessage());
  }

  private static String enumHint(Class<?> type) {
    if (!type.isEnum()) {
      return "";
    }
    List<String> names = new ArrayList<>();
    for (Object c : type.getEnumConstants()) {
      names.add(((Enum<?>) c).name().toLowerCase());
    }
    return " (expected one of: " + String.join(", ", names) + ")";
  }

  private static String path(
      List<com.fasterxml.jackson.databind.JsonMappingException.Reference> p) {
    StringBuilder sb = new StringBuilder();
    for (var ref : p) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static final class SecretDeserializer extends StdDeserializer<Secret> {
    SecretDeserializer() {
      super(Secret.class);
    }

    @Override
    public Secret deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return Secret.of(p.getValueAsString());
    }
  }

  private static final class MaskedSecretSerializer extends StdSerializer<Secret> {
    MaskedSecretSerializer() {
      super(Secret.class);
    }

    @Override
    public void serialize(
        Secret value,
        com.fasterxml.jackson.core.JsonGenerator gen,
        com.fasterxml.jackson.databind.SerializerProvider provider)
        throws IOException {
      gen.writeString(value.masked());
    }
  }

  private static final class DurationDeserializer extends StdDeserializer<Duration> {
    DurationDeserializer() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      try {
        return Durations.parse(p.getValueAsString());
      } catch (IllegalArgumentException e) {
        throw InvalidFormatException.from(p, e.getMessage(), p.getValueAsString(), Duration.class);
      }
    }
  }

  private static final class DurationSerializer extends StdSerializer<Duration> {
    DurationSerializer() {
      super(Duration.class);
    }

    @Override
    public void serialize(
        Duration value,
        com.fasterxml.jackson.core.JsonGenerator gen,
        com.fasterxml.jackson.databind.SerializerProvider provider)
        throws IOException {
      gen.writeString(Durations.format(value));
    }
  }
}
