package io.threescaledoctor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threescaledoctor.checks.apicast.GatewayStatuses;
import io.threescaledoctor.checks.threescale.BackendErrorCatalog;
import io.threescaledoctor.checks.threescale.BackendErrorCode;
import io.threescaledoctor.core.check.Hop;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * {@code explain --list}: every known-issue id under the hop it belongs to with the 3scale error
 * codes that point to it beneath, then every HTTP status {@code explain} knows, one line each.
 */
final class ExplainList {
  private ExplainList() {}

  static void print(PrintWriter out, boolean json) {
    if (json) {
      out.println(json());
    } else {
      text(out);
    }
  }

  private static void text(PrintWriter out) {
    BackendErrorCatalog codes = BackendErrorCatalog.standard();
    int width =
        Math.max(
                KnownIssueCatalog.standard().all().stream()
                    .mapToInt(i -> i.id().length())
                    .max()
                    .orElse(20),
                codes.all().stream().mapToInt(c -> c.code().length() + 6).max().orElse(20))
            + 2;
    out.println(
        "Known issues by hop, each with the 3scale error codes that point to it"
            + " ('3scale-doctor explain ID' tells more):");
    for (Hop hop : Hop.values()) {
      List<KnownIssue> issues = issuesOf(hop);
      if (issues.isEmpty()) {
        continue;
      }
      out.printf("%n%s  (%s) %s%n", hop.id(), hop.guideSection(), hop.question());
      for (KnownIssue i : issues) {
        out.printf("  %-" + width + "s%s%n", i.id(), i.title());
        for (BackendErrorCode c : codesOf(i)) {
          out.printf("    %-" + (width - 2) + "s%d %s%n", c.code(), c.status(), c.meaning());
        }
      }
    }
    out.printf("%nHTTP statuses ('3scale-doctor explain 409' tells more):%n");
    statuses()
        .forEach(
            (status, meanings) -> out.printf("  %d  %s%n", status, String.join("; ", meanings)));
  }

  private static String json() {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    ArrayNode hops = root.putArray("hops");
    for (Hop hop : Hop.values()) {
      ObjectNode h = hops.addObject();
      h.put("id", hop.id());
      h.put("reference", hop.guideSection());
      h.put("question", hop.question());
      ArrayNode issues = h.putArray("issues");
      for (KnownIssue i : issuesOf(hop)) {
        ObjectNode n = issues.addObject();
        n.put("id", i.id());
        n.put("title", i.title());
        n.put("reference", i.reference());
        ArrayNode codes = n.putArray("threescaleErrorCodes");
        for (BackendErrorCode c : codesOf(i)) {
          ObjectNode cn = codes.addObject();
          cn.put("code", c.code());
          cn.put("httpStatus", c.status());
          cn.put("form", c.form().name().toLowerCase(Locale.ROOT));
          cn.put("meaning", c.meaning());
        }
      }
    }
    ArrayNode statuses = root.putArray("httpStatuses");
    statuses()
        .forEach(
            (status, meanings) -> {
              ObjectNode n = statuses.addObject();
              n.put("status", status);
              ArrayNode m = n.putArray("meanings");
              meanings.forEach(m::add);
            });
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<KnownIssue> issuesOf(Hop hop) {
    return KnownIssueCatalog.standard().all().stream().filter(i -> i.hop() == hop).toList();
  }

  private static List<BackendErrorCode> codesOf(KnownIssue issue) {
    return BackendErrorCatalog.standard().all().stream()
        .filter(c -> c.issue().equals(issue.id()))
        .toList();
  }

  /**
   * Every status {@code explain} answers for, with what it means from each side: the statuses the
   * gateway's catalog names, and those the 3scale backend answers with.
   */
  static TreeMap<Integer, List<String>> statuses() {
    TreeMap<Integer, List<String>> all = new TreeMap<>();
    IntStream.range(100, 600)
        .forEach(
            status -> {
              List<String> meanings = new ArrayList<>();
              Optional<GatewayStatuses.Entry> gateway =
                  GatewayStatuses.standard()
                      .find(status)
                      .filter(e -> e.status().equals(Integer.toString(status)));
              gateway.ifPresent(e -> meanings.add("gateway: " + e.meaning()));
              BackendErrorCatalog.statusMeaning(status)
                  .ifPresent(m -> meanings.add("3scale: " + m));
              if (!meanings.isEmpty()) {
                all.put(status, meanings);
              }
            });
    return all;
  }
}
