package io.sp4j.transport.ws;

import io.sp4j.spi.SpAddress;

/**
 * A parsed {@code ws://host[:port][/path][?query][#fragment]} address (RFC 3986 authority rules: an
 * IPv6 literal in brackets, the port after the authority's last colon, so colons in the path never
 * matter). The fragment is dropped: it is never sent.
 *
 * @param url the address as given
 * @param host the host without brackets; empty or {@code "*"} on bind means all interfaces
 * @param port 1..65535, or 0 on bind for an ephemeral port; 80 ({@code wss}: 443) when not written
 * @param path the path as written, possibly empty
 * @param query the query without {@code ?}, or {@code null} when there is none
 * @param defaultPort whether the URL had no port
 * @param secure whether the scheme is {@code wss} (TLS)
 * @param localHost dial only: the local address to connect from ({@code ws://local;host:port/…}),
 *     or {@code null}
 */
record WsAddress(
    String url,
    String host,
    int port,
    String path,
    String query,
    boolean defaultPort,
    boolean secure,
    String localHost) {
  static final int DEFAULT_PORT = 80;
  static final int DEFAULT_SECURE_PORT = 443;

  /**
   * Parses the part after {@code ws://}.
   *
   * @param bind whether the address is for bind (port 0, {@code *} and an empty host allowed)
   * @throws IllegalArgumentException naming the wrong part
   */
  static WsAddress parse(SpAddress address, boolean bind) {
    String url = address.url();
    boolean secure = address.scheme().equals("wss");
    String rest = address.rest();
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    int authorityEnd = indexOfAny(rest, '/', '?');
    String authority = authorityEnd < 0 ? rest : rest.substring(0, authorityEnd);
    String localHost = null;
    int semicolon = authority.indexOf(';');
    if (semicolon >= 0) {
      if (bind) {
        throw bad(
            url,
            "a local address ('"
                + authority.substring(0, semicolon + 1)
                + "') is for connect only");
      }
      localHost = authority.substring(0, semicolon);
      if (localHost.startsWith("[") && localHost.endsWith("]")) {
        localHost = localHost.substring(1, localHost.length() - 1);
      }
      if (localHost.isEmpty()) {
        throw bad(url, "empty local address before ';'");
      }
      authority = authority.substring(semicolon + 1);
    }
    String pathAndQuery = authorityEnd < 0 ? "" : rest.substring(authorityEnd);
    int question = pathAndQuery.indexOf('?');
    String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
    String query = question < 0 ? null : pathAndQuery.substring(question + 1);

    String host;
    String portText;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw bad(url, "IPv6 host '" + authority + "' has no closing ']'");
      }
      host = authority.substring(1, close);
      String after = authority.substring(close + 1);
      if (after.isEmpty()) {
        portText = null;
      } else if (after.startsWith(":")) {
        portText = after.substring(1);
      } else {
        throw bad(url, "unexpected '" + after + "' after the IPv6 host");
      }
      if (host.isEmpty() || host.indexOf(':') < 0 || host.indexOf('[') >= 0) {
        throw bad(url, "'[" + host + "]' is not an IPv6 literal");
      }
    } else {
      int colon = authority.lastIndexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      portText = colon < 0 ? null : authority.substring(colon + 1);
      if (host.indexOf(':') >= 0) {
        throw bad(url, "host '" + host + "': an IPv6 literal must be written in brackets");
      }
    }
    if (host.indexOf('@') >= 0) {
      throw bad(url, "host '" + host + "': user information is not supported");
    }
    if (!bind && (host.isEmpty() || host.equals("*"))) {
      throw bad(url, "host '" + host + "': connect needs a host name or address");
    }

    int port;
    if (portText == null) {
      port = secure ? DEFAULT_SECURE_PORT : DEFAULT_PORT;
    } else {
      if (portText.isEmpty()
          || portText.length() > 5
          || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw bad(
            url, "port '" + portText + "' is not a number from " + (bind ? 0 : 1) + " to 65535");
      }
      port = Integer.parseInt(portText);
      if (port > 65535) {
        throw bad(url, "port " + port + " is above 65535");
      }
      if (port == 0 && !bind) {
        throw bad(url, "port 0 cannot be connected to");
      }
    }
    return new WsAddress(url, host, port, path, query, portText == null, secure, localHost);
  }

  /** Whether a listener on this address binds every interface. */
  boolean anyHost() {
    return host.isEmpty() || host.equals("*");
  }

  /** Whether a path was written (a listener without one serves every path). */
  boolean hasPath() {
    return !path.isEmpty();
  }

  /** The request-target a dialer sends: path and query as written, {@code /} for no path. */
  String requestTarget() {
    String p = path.isEmpty() ? "/" : path;
    return query == null ? p : p + "?" + query;
  }

  /**
   * The {@code Host} header: the host (IPv6 in brackets) and the port unless it is 80 ({@code wss}:
   * 443).
   */
  String hostHeader() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == (secure ? DEFAULT_SECURE_PORT : DEFAULT_PORT) ? h : h + ":" + port;
  }

  /**
   * A path as routes compare it: query removed, empty = {@code /}, one trailing {@code /} dropped.
   */
  static String routeKey(String path) {
    int question = path.indexOf('?');
    String p = question < 0 ? path : path.substring(0, question);
    if (p.isEmpty()) {
      return "/";
    }
    if (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static int indexOfAny(String s, char a, char b) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == a || c == b) {
        return i;
      }
    }
    return -1;
  }

  private static IllegalArgumentException bad(String url, String what) {
    return new IllegalArgumentException("address '" + url + "': " + what);
  }
}
