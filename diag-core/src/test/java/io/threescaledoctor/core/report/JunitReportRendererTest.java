package io.threescaledoctor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReportRendererTest {

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void matchesTheGoldenFileOfAFailingRun() throws Exception {
    GoldenFiles.assertMatches(
        "backend-down.junit.xml",
        GoldenFiles.render(new JunitReportRenderer(), SampleDiagnoses.backendDown()));
  }

  @Test
  void parsesWithAStandardXmlParserWithOneTestCasePerCheck() throws Exception {
    Document doc =
        parse(GoldenFiles.render(new JunitReportRenderer(), SampleDiagnoses.backendDown()));
    Element root = doc.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(root.getAttribute("tests")).isEqualTo("9");
    assertThat(root.getAttribute("failures")).isEqualTo("2");
    assertThat(root.getAttribute("errors")).isEqualTo("1");
    assertThat(root.getAttribute("skipped")).isEqualTo("2");
    assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(9);
  }

  @Test
  void mapsFailErrorAndSkipToTheirElements() throws Exception {
    Document doc =
        parse(GoldenFiles.render(new JunitReportRenderer(), SampleDiagnoses.backendDown()));
    assertThat(testcase(doc, "backend.tcp.connect").getElementsByTagName("failure").item(0))
        .isInstanceOfSatisfying(
            Element.class,
            e -> {
              assertThat(e.getAttribute("type")).isEqualTo("backend-unreachable");
              assertThat(e.getTextContent()).contains("address: 127.0.0.1:3001");
            });
    assertThat(testcase(doc, "admin.http.request").getElementsByTagName("error").getLength())
        .isEqualTo(1);
    assertThat(testcase(doc, "threescale.authorize").getElementsByTagName("skipped").getLength())
        .isEqualTo(1);
    assertThat(testcase(doc, "api.tcp.connect").getChildNodes().getLength()).isZero();
  }

  @Test
  void staysWellFormedWithMarkupAndControlCharactersInEvidence() throws Exception {
    Document doc = parse(GoldenFiles.render(new JunitReportRenderer(), SentinelSecrets.leaky()));
    assertThat(testcase(doc, "client.request").getTextContent()).contains("<h1>500</h1>");
    assertThat(doc.getDocumentElement().getTextContent()).doesNotContain(SentinelSecrets.SENTINEL);
  }

  private static Element testcase(Document doc, String name) {
    NodeList cases = doc.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element e = (Element) cases.item(i);
      if (e.getAttribute("name").equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no testcase " + name);
  }
}
