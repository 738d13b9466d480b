package io.threescaledoctor.checks.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** One question to one DNS server, and the answer or why there was none. */
final class DnsQuery {
  private DnsQuery() {}

  /** What one server said for one name and type. */
  record Answer(
      DnsServer server,
      String type,
      int rcode,
      List<Record> records,
      String error,
      boolean timedOut) {

    boolean reached() {
      return error == null;
    }

    List<InetAddress> addresses() {
      List<InetAddress> out = new ArrayList<>();
      for (Record r : records) {
        if (r instanceof ARecord a) {
          out.add(a.getAddress());
        } else if (r instanceof AAAARecord a) {
          out.add(a.getAddress());
        }
      }
      return out;
    }

    List<CNAMERecord> cnames() {
      return records.stream()
          .filter(CNAMERecord.class::isInstance)
          .map(CNAMERecord.class::cast)
          .toList();
    }

    String rcodeName() {
      return Rcode.string(rcode);
    }

    /** The answer section, one record a line in dig's presentation format. */
    String text() {
      if (!reached()) {
        return error;
      }
      if (records.isEmpty()) {
        return rcodeName() + ", no " + type + " record";
      }
      List<String> lines = new ArrayList<>();
      records.forEach(r -> lines.add(presentation(r)));
      return String.join("; ", lines);
    }
  }

  /** A record as dig prints it, with whitespace collapsed and IPv6 compressed. */
  static String presentation(Record r) {
    if (r instanceof AAAARecord a) {
      return r.getName()
          + " "
          + r.getTTL()
          + " "
          + DClass.string(r.getDClass())
          + " AAAA "
          + IpText.of(a.getAddress());
    }
    return r.toString().replaceAll("\\s+", " ");
  }

  static Answer ask(DnsServer server, Name name, int type, Duration timeout) {
    SimpleResolver resolver = new SimpleResolver(server.address());
    resolver.setTimeout(timeout);
    Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    String typeName = Type.string(type);
    try {
      // The async form with our own deadline: a silent server costs the timeout, never more.
      Message response =
          resolver
              .sendAsync(query)
              .toCompletableFuture()
              .get(timeout.toMillis() + 200, TimeUnit.MILLISECONDS);
      List<Record> answers = new ArrayList<>();
      for (Record r : response.getSection(Section.ANSWER)) {
        if (r.getType() == type || r.getType() == Type.CNAME || type == Type.ANY) {
          answers.add(r);
        }
      }
      return new Answer(server, typeName, response.getRcode(), answers, null, false);
    } catch (TimeoutException e) {
      return timeout(server, typeName, timeout);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SocketTimeoutException
          || (cause instanceof IOException
              && String.valueOf(cause.getMessage()).contains("Timed out"))) {
        return timeout(server, typeName, timeout);
      }
      if (cause instanceof PortUnreachableException) {
        return new Answer(
            server,
            typeName,
            -1,
            List.of(),
            server.label() + " refused the query (ICMP port unreachable: no DNS server there)",
            false);
      }
      return new Answer(
          server,
          typeName,
          -1,
          List.of(),
          server.label()
              + " could not be asked: "
              + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
          false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(server, typeName, -1, List.of(), "interrupted", false);
    }
  }

  private static Answer timeout(DnsServer server, String type, Duration timeout) {
    return new Answer(
        server,
        type,
        -1,
        List.of(),
        "no answer from "
            + server.label()
            + " within the read timeout of "
            + io.threescaledoctor.core.profile.Durations.format(timeout)
            + " (timeouts.read)",
        true);
  }
}
