package io.sp4j.transport.tcp;

import io.sp4j.spi.SpAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;

/**
 * A parsed {@code tcp://} address (TCP-5): {@code host:port} with a mandatory port; {@code *} for
 * every interface and interface names where binding; IPv6 literals in brackets; and, where dialing,
 * {@code local;host:port} to dial from a local address or interface.
 *
 * @param url the address as given
 * @param local the local part of a {@code local;host:port} dial address, or {@code null}
 * @param host the host without brackets, {@code *} for every interface
 * @param port the port
 */
record TcpAddress(String url, String local, String host, int port) {

  /**
   * Parses the part after {@code tcp://}.
   *
   * @throws IllegalArgumentException naming the part that is wrong
   */
  static TcpAddress parse(SpAddress address, boolean bind) {
    String url = address.url();
    String rest = address.rest();
    String local = null;
    int semicolon = rest.indexOf(';');
    if (semicolon >= 0) {
      if (bind) {
        throw bad(
            url, "a local address ('" + rest.substring(0, semicolon) + ";') is only for connect");
      }
      local = rest.substring(0, semicolon);
      rest = rest.substring(semicolon + 1);
      if (local.isEmpty()) {
        throw bad(url, "empty local address before ';'");
      }
    }
    int colon = rest.lastIndexOf(':');
    if (colon < 0) {
      throw bad(url, "the port is missing (tcp:// has no default port)");
    }
    String host = rest.substring(0, colon);
    String portText = rest.substring(colon + 1);
    if (host.startsWith("[")) {
      if (!host.endsWith("]") || host.length() < 3) {
        throw bad(url, "IPv6 host '" + host + "' is not closed by ']'");
      }
      host = host.substring(1, host.length() - 1);
      if (host.indexOf(':') < 0 || host.indexOf('[') >= 0 || host.indexOf(']') >= 0) {
        // Else '[[x]]' became host '[x]', which reads back as 'x'.
        throw bad(url, "'[" + host + "]' is not an IPv6 literal");
      }
    } else if (host.contains(":")) {
      throw bad(url, "an IPv6 host must be in brackets, e.g. [::1]");
    }
    if (host.isEmpty()) {
      throw bad(url, "the host is missing");
    }
    if (host.equals("*") && !bind) {
      throw bad(url, "'*' (every interface) is only for bind");
    }
    if (portText.isEmpty()
        || portText.length() > 5
        || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw bad(
          url, "port '" + portText + "' is not a number from " + (bind ? 0 : 1) + " to 65535");
    }
    int port = Integer.parseInt(portText);
    if (port > 65535 || (port == 0 && !bind)) {
      throw bad(
          url, "port '" + portText + "' is not a number from " + (bind ? 0 : 1) + " to 65535");
    }
    return new TcpAddress(url, local, host, port);
  }

  boolean anyHost() {
    return host.equals("*");
  }

  /** The address to bind: every interface, a local interface's address, or a resolved host. */
  InetSocketAddress bindAddress() {
    return anyHost() ? new InetSocketAddress(port) : new InetSocketAddress(localIp(host), port);
  }

  /** The local address to dial from (port chosen by the system), or {@code null}. */
  InetSocketAddress localAddress() {
    return local == null ? null : new InetSocketAddress(localIp(local), 0);
  }

  /** The address to dial; a name is left unresolved, so that each attempt resolves it anew. */
  InetSocketAddress remoteAddress() {
    if (isLiteral(host)) {
      try {
        return new InetSocketAddress(InetAddress.getByName(host), port);
      } catch (UnknownHostException e) {
        throw bad(url, "host '" + host + "' is not a valid address");
      }
    }
    return InetSocketAddress.createUnresolved(host, port);
  }

  /** An interface's first address (IPv4 preferred), else the host resolved. */
  private InetAddress localIp(String name) {
    try {
      NetworkInterface nic = isLiteral(name) ? null : NetworkInterface.getByName(name);
      if (nic != null) {
        List<InetAddress> addresses = Collections.list(nic.getInetAddresses());
        return addresses.stream()
            .filter(a -> a instanceof Inet4Address)
            .findFirst()
            .or(() -> addresses.stream().findFirst())
            .orElseThrow(() -> bad(url, "interface '" + name + "' has no address"));
      }
    } catch (SocketException e) {
      // not an interface name: resolve it as a host
    }
    try {
      return InetAddress.getByName(name);
    } catch (UnknownHostException e) {
      throw bad(url, "'" + name + "' is neither a local interface nor a known host");
    }
  }

  private static boolean isLiteral(String host) {
    return host.contains(":") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
  }

  private static IllegalArgumentException bad(String url, String what) {
    return new IllegalArgumentException("address '" + url + "': " + what);
  }
}
