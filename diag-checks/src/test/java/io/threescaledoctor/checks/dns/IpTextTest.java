package io.threescaledoctor.checks.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpTextTest {

  private static String text(String literal) throws Exception {
    return IpText.of(InetAddress.getByName(literal));
  }

  @Test
  void writesIpv6CompressedAsDigDoes() throws Exception {
    assertThat(text("2001:db8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
    assertThat(text("0:0:0:0:0:0:0:1")).isEqualTo("::1");
    assertThat(text("0:0:0:0:0:0:0:0")).isEqualTo("::");
    assertThat(text("fe80:0:0:0:1:0:0:0")).isEqualTo("fe80::1:0:0:0");
    assertThat(text("2001:db8:0:1:0:0:0:1")).isEqualTo("2001:db8:0:1::1");
    assertThat(text("2001:db8:1:0:1:0:1:0")).isEqualTo("2001:db8:1:0:1:0:1:0");
  }

  @Test
  void leavesIpv4Alone() throws Exception {
    assertThat(text("10.0.0.5")).isEqualTo("10.0.0.5");
  }
}
