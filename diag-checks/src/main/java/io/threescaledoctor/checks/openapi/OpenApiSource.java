package io.threescaledoctor.checks.openapi;

import io.threescaledoctor.checks.http.HttpExchange;
import io.threescaledoctor.checks.http.HttpProbe;
import io.threescaledoctor.core.check.CheckContext;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a definition comes from: a file (no network call) or an http(s) URL, fetched once with the
 * profile's timeouts, TLS and proxy settings, as {@code 3scale import openapi} accepts both.
 */
public final class OpenApiSource {
  private static final long MAX_FILE_BYTES = 16L << 20;

  private OpenApiSource() {}

  /**
   * The text of the definition at {@code fileOrUrl}.
   *
   * @throws OpenApiException naming the file or URL when it cannot be read
   */
  public static String read(String fileOrUrl, CheckContext context) throws OpenApiException {
    if (fileOrUrl.startsWith("http://") || fileOrUrl.startsWith("https://")) {
      return fetch(fileOrUrl, context);
    }
    Path file = Path.of(fileOrUrl);
    try {
      if (Files.isDirectory(file)) {
        throw new OpenApiException(file + ": is a directory, not a definition");
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new OpenApiException(file + ": larger than 16 MiB, not a definition");
      }
      return decode(Files.readAllBytes(file), fileOrUrl);
    } catch (NoSuchFileException e) {
      throw new OpenApiException(file + ": no such file");
    } catch (IOException e) {
      throw new OpenApiException(file + ": cannot read: " + e.getMessage());
    }
  }

  private static String fetch(String url, CheckContext context) throws OpenApiException {
    URI uri;
    try {
      uri = URI.create(url);
      if (uri.getHost() == null) {
        throw new OpenApiException(url + ": no host in the URL");
      }
    } catch (IllegalArgumentException e) {
      throw new OpenApiException(url + ": not a valid URL");
    }
    HttpExchange ex =
        HttpProbe.from(context)
            .send(
                HttpProbe.Request.get(uri)
                    .withHeader("Accept", "application/json, application/yaml, text/yaml, */*"),
                HttpProbe.MAX_BODY_BYTES);
    String shown = context.redactor().mask(url);
    if (ex.status() < 0) {
      throw new OpenApiException(
          shown + ": " + (ex.failure() == null ? "no answer" : ex.failure().message()));
    }
    if (ex.status() != 200) {
      throw new OpenApiException(shown + ": answered " + ex.statusLine() + ", not the definition");
    }
    if (ex.bodyBytes() > HttpProbe.MAX_BODY_BYTES) {
      throw new OpenApiException(
          shown + ": larger than 1 MiB; download it and give the file instead");
    }
    return decode(ex.bodyExcerpt().getBytes(StandardCharsets.UTF_8), shown);
  }

  private static String decode(byte[] bytes, String source) throws OpenApiException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new OpenApiException(source + ": not a text file (invalid UTF-8)");
    }
  }
}
