package io.threescaledoctor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threescaledoctor.checks.apicast.GatewayStatuses;
import io.threescaledoctor.checks.threescale.BackendErrorCatalog;
import io.threescaledoctor.checks.threescale.BackendErrorCode;
import io.threescaledoctor.core.issue.KnownIssue;
import io.threescaledoctor.core.issue.KnownIssueCatalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code 3scale-doctor explain CODE}: what an HTTP status, 3scale error code or issue id means. */
@Command(
    name = "explain",
    description = {
      "Explain an HTTP status, a 3scale error code or a known-issue id: what it means, the likely"
          + " causes, the remedy and the guide section.",
      "",
      "Examples:",
      "  3scale-doctor explain 409",
      "  3scale-doctor explain user_key_invalid",
      "  3scale-doctor explain limits-exceeded --format json",
      "  3scale-doctor explain --list            every id and code, by hop",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:explained", "2:unknown code or bad usage"})
public final class ExplainCommand implements Callable<Integer>, DoctorSubcommand {

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "CODE",
      arity = "0..1",
      completionCandidates = Candidates.ExplainCodes.class,
      description =
          "An HTTP status (409), a 3scale error code (user_key_invalid) or a known-issue"
              + " id (limits-exceeded).")
  String code;

  @Option(
      names = {"-l", "--list"},
      description =
          "List every known-issue id and 3scale error code by hop, and every HTTP status,"
              + " one line each.")
  boolean list;

  @Mixin TextOrJson output;

  @Override
  public Integer call() {
    boolean json = output.json();
    PrintWriter out = spec.commandLine().getOut();
    if (list) {
      ExplainList.print(out, json);
      out.flush();
      return 0;
    }
    if (code == null) {
      throw new BadInputException(
          "explain: name a CODE (an HTTP status, a 3scale error code or a known-issue id),"
              + " or list them all with '3scale-doctor explain --list'");
    }
    Explanation e = explain(code.trim()).orElseThrow(() -> unknown(code.trim()));
    if (json) {
      out.println(json(e));
    } else {
      text(e, out);
    }
    out.flush();
    return 0;
  }

  private static BadInputException unknown(String code) {
    List<String> known = new ArrayList<>();
    KnownIssueCatalog.standard().all().forEach(i -> known.add(i.id()));
    BackendErrorCatalog.standard().all().forEach(c -> known.add(c.code()));
    return new BadInputException(
        "explain "
            + code
            + ": not an HTTP status, a 3scale error code or a known-issue id"
            + Suggestions.didYouMean(code, known)
            + "; '3scale-doctor explain --list' lists them all");
  }

  /** A structured answer: what was asked, its meanings, and the issues that explain it. */
  record Explanation(
      String code,
      String kind,
      List<String> meanings,
      List<BackendErrorCode> codes,
      List<KnownIssue> issues) {}

  static Optional<Explanation> explain(String code) {
    KnownIssueCatalog issues = KnownIssueCatalog.standard();
    BackendErrorCatalog backend = BackendErrorCatalog.standard();
    if (code.matches("\\d{3}")) {
      int status = Integer.parseInt(code);
      List<String> meanings = new ArrayList<>();
      Set<String> issueIds = new LinkedHashSet<>();
      BackendErrorCatalog.statusMeaning(status)
          .ifPresent(m -> meanings.add("From 3scale's Service Management API (guide 4.5.2): " + m));
      BackendErrorCatalog.issueForStatus(status).ifPresent(issueIds::add);
      List<BackendErrorCode> codes =
          backend.all().stream()
              .filter(c -> c.status() == status && c.form() != BackendErrorCode.Form.INTERNAL)
              .toList();
      codes.forEach(c -> issueIds.add(c.issue()));
      GatewayStatuses.standard()
          .find(status)
          .ifPresent(
              gateway -> {
                meanings.add("From the gateway to a client: " + gateway.meaning());
                issueIds.addAll(gateway.issues());
              });
      if (meanings.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new Explanation(
              code,
              "http-status",
              meanings,
              codes,
              issueIds.stream().map(issues::find).flatMap(Optional::stream).toList()));
    }
    Optional<BackendErrorCode> backendCode = backend.find(code);
    if (backendCode.isPresent()) {
      BackendErrorCode c = backendCode.get();
      String how =
          switch (c.form()) {
            case ERROR ->
                "3scale answers HTTP " + c.status() + " with <error code=\"" + c.code() + "\">";
            case REJECTION ->
                "3scale answers HTTP 409 <authorized>false</authorized> with this"
                    + " reason (header 3scale-rejection-reason: "
                    + c.code()
                    + ")";
            case INTERNAL ->
                "3scale answers HTTP "
                    + c.status()
                    + "; only its internal API or a"
                    + " failing backend produces this code";
          };
      List<String> meanings = new ArrayList<>(List.of(c.meaning(), how));
      if (c.olderBackendsOnly()) {
        meanings.add("Backends: " + c.olderBackendsNote() + ".");
      }
      return Optional.of(
          new Explanation(
              code,
              "3scale-error-code",
              meanings,
              List.of(c),
              issues.find(c.issue()).stream().toList()));
    }
    Optional<KnownIssue> issue = issues.find(code);
    if (issue.isPresent()) {
      List<BackendErrorCode> codes =
          backend.all().stream().filter(c -> c.issue().equals(code)).toList();
      return Optional.of(
          new Explanation(
              code, "known-issue", List.of(issue.get().title()), codes, List.of(issue.get())));
    }
    return Optional.empty();
  }

  private static void text(Explanation e, PrintWriter out) {
    out.println(e.code() + "  (" + e.kind() + ")");
    for (String m : e.meanings()) {
      out.println("  " + m);
    }
    if (!e.codes().isEmpty()) {
      out.println();
      out.println("3scale error codes:");
      for (BackendErrorCode c : e.codes()) {
        out.printf(
            "  %-36s %d  %s%s%n",
            c.code(),
            c.status(),
            c.meaning(),
            c.olderBackendsOnly() ? " (" + c.olderBackendsNote() + ")" : "");
        if (e.codes().size() == 1) {
          out.println("  Remedy: " + c.remedy());
        }
      }
    }
    for (KnownIssue i : e.issues()) {
      out.println();
      out.println(
          i.id() + " [hop " + i.hop().id() + ", guide " + i.reference() + "]: " + i.title());
      out.println("  Why:    " + i.explanation());
      out.println("  Remedy: " + i.remedy());
    }
  }

  private static String json(Explanation e) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("code", e.code());
    root.put("kind", e.kind());
    ArrayNode meanings = root.putArray("meanings");
    e.meanings().forEach(meanings::add);
    ArrayNode codes = root.putArray("threescaleErrorCodes");
    for (BackendErrorCode c : e.codes()) {
      ObjectNode n = codes.addObject();
      n.put("code", c.code());
      n.put("httpStatus", c.status());
      n.put("form", c.form().name().toLowerCase());
      n.put("issue", c.issue());
      n.put("meaning", c.meaning());
      n.put("remedy", c.remedy());
      if (c.olderBackendsOnly()) {
        n.put("removedIn", c.removedIn());
      }
    }
    ArrayNode issues = root.putArray("issues");
    for (KnownIssue i : e.issues()) {
      ObjectNode n = issues.addObject();
      n.put("id", i.id());
      n.put("hop", i.hop().id());
      n.put("title", i.title());
      n.put("explanation", i.explanation());
      n.put("remedy", i.remedy());
      n.put("reference", i.reference());
    }
    try {
      return mapper.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
