package io.threescaledoctor.checks.threescale;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads every form of answer the 3scale backend gives to authorize calls. The forms follow
 * apisonator's writers: {@code Transactor::Status#to_xml} ({@code <status>} with {@code
 * <authorized>}, {@code <reason>}, {@code <plan>}, {@code <usage_reports>}), {@code Error#to_xml}
 * (a single {@code <error code="...">}), and the older {@code <errors><error code="..."/></errors>}
 * list.
 */
public final class AuthorizeResponseParser {
  private AuthorizeResponseParser() {}

  public static AuthorizeResponse parse(String body) {
    if (body == null || body.isBlank()) {
      return AuthorizeResponse.unreadable("empty body");
    }
    Document doc;
    try {
      doc = builder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      return AuthorizeResponse.unreadable("not XML: " + firstLine(e.getMessage()));
    }
    Element root = doc.getDocumentElement();
    return switch (root.getTagName()) {
      case "status" -> status(root);
      case "error" -> error(root);
      case "errors" -> {
        Element first = firstChild(root, "error");
        yield first == null
            ? AuthorizeResponse.unreadable("<errors> without <error>")
            : error(first);
      }
      default ->
          AuthorizeResponse.unreadable("unexpected root element <" + root.getTagName() + ">");
    };
  }

  private static AuthorizeResponse status(Element root) {
    String authorized = text(root, "authorized");
    if (authorized == null) {
      return AuthorizeResponse.unreadable("<status> without <authorized>");
    }
    List<UsageReport> reports = new ArrayList<>();
    Element usage = firstChild(root, "usage_reports");
    if (usage != null) {
      NodeList list = usage.getElementsByTagName("usage_report");
      for (int i = 0; i < list.getLength(); i++) {
        Element r = (Element) list.item(i);
        reports.add(
            new UsageReport(
                r.getAttribute("metric"),
                r.getAttribute("period"),
                text(r, "period_start"),
                text(r, "period_end"),
                number(text(r, "max_value")),
                number(text(r, "current_value")),
                "true".equals(r.getAttribute("exceeded"))));
      }
    }
    return new AuthorizeResponse(
        "true".equalsIgnoreCase(authorized.trim()),
        text(root, "reason"),
        null,
        null,
        text(root, "plan"),
        List.copyOf(reports),
        null);
  }

  private static AuthorizeResponse error(Element error) {
    String code = error.getAttribute("code");
    return new AuthorizeResponse(
        null,
        null,
        code.isEmpty() ? "(no code)" : code,
        error.getTextContent().trim(),
        null,
        List.of(),
        null);
  }

  private static long number(String s) {
    if (s == null) {
      return 0;
    }
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Element firstChild(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element parent, String name) {
    Element e = firstChild(parent, name);
    return e == null ? null : e.getTextContent().trim();
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  /** A parser that refuses DTDs and external entities: the body comes from the network. */
  private static DocumentBuilder builder() throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    DocumentBuilder b = f.newDocumentBuilder();
    // The default handler prints "[Fatal Error]" to stderr; a check never prints.
    b.setErrorHandler(new DefaultHandler());
    return b;
  }
}
