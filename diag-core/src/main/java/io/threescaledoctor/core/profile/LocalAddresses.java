package io.threescaledoctor.core.profile;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/** Whether an address belongs to this host: loopback, the wildcard, or one of its interfaces'. */
public final class LocalAddresses {
  private LocalAddresses() {}

  public static boolean isLocal(InetAddress address) {
    if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
      return true;
    }
    try {
      return NetworkInterface.getByInetAddress(address) != null;
    } catch (SocketException e) {
      return false;
    }
  }
}
