package io.sp4j.transport.ws;

import io.sp4j.Errno;
import io.sp4j.Protocol;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * The RFC 6455 opening handshake as nanomsg and NNG speak it, without I/O: the client's request,
 * the server's checks and answers, the client's checks of the answer (checklist WS-HS, WS-SV).
 */
final class Handshake {
  /** How long either side waits for the other's half of the handshake. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  static final String SUFFIX = ".sp.nanomsg.org";
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Handshake() {}

  /** The sub-protocol name of {@code protocol}, e.g. {@code rep.sp.nanomsg.org}. */
  static String subprotocol(Protocol protocol) {
    return protocol.wireName() + SUFFIX;
  }

  /** A fresh key: 16 random bytes, base64 (24 characters). */
  static String newKey() {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    return Base64.getEncoder().encodeToString(nonce);
  }

  /** base64(SHA-1(key ‖ GUID)). */
  static String accept(String key) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return Base64.getEncoder()
          .encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
  }

  /** The client's request, headers in the order nanomsg and NNG send them (WS-HS-1, -2). */
  static byte[] request(WsAddress address, String subprotocol, String key) {
    String request =
        "GET "
            + address.requestTarget()
            + " HTTP/1.1\r\n"
            + "Host: "
            + address.hostHeader()
            + "\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + key
            + "\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Protocol: "
            + subprotocol
            + "\r\n"
            + "\r\n";
    return request.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The server's success answer, exactly (WS-SV-1). */
  static byte[] switching(String accept, String subprotocol) {
    String response =
        "HTTP/1.1 101 Switching Protocols\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: "
            + accept
            + "\r\n"
            + "Sec-WebSocket-Protocol: "
            + subprotocol
            + "\r\n"
            + "\r\n";
    return response.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A complete error answer, after which the server closes (WS-SV-15). */
  static byte[] error(int status) {
    String response =
        "HTTP/1.1 "
            + status
            + " "
            + reason(status)
            + "\r\n"
            + (status == 426 ? "Sec-WebSocket-Version: 13\r\n" : "")
            + "Content-Length: 0\r\n"
            + "Connection: close\r\n"
            + "\r\n";
    return response.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 426 -> "Upgrade Required";
      case 503 -> "Service Unavailable";
      case 505 -> "HTTP Version Not Supported";
      default -> "Error";
    };
  }

  /** Finds the listener for a request path ({@link WsAddress#routeKey} form), or null. */
  @FunctionalInterface
  interface Router {
    WsListener route(String pathKey);
  }

  /**
   * The server's verdict on a request.
   *
   * @param status 101 to accept, else the error status to answer
   * @param listener the listener the path routes to (101, or a refusal after routing), else null
   * @param subprotocol the matching sub-protocol as the client wrote it (101 only)
   * @param accept the Sec-WebSocket-Accept value (101 only)
   */
  record Verdict(int status, WsListener listener, String subprotocol, String accept) {
    static Verdict refuse(int status) {
      return new Verdict(status, null, null, null);
    }
  }

  /** Checks a client's request (WS-SV-3 … WS-SV-21). */
  static Verdict check(HttpHead request, Router router) {
    String[] parts = request.startLine().split(" ", -1);
    if (parts.length != 3) {
      return Verdict.refuse(400);
    }
    if (!parts[2].startsWith("HTTP/")) {
      return Verdict.refuse(400);
    }
    if (!parts[0].equals("GET")) {
      return Verdict.refuse(405);
    }
    if (!parts[2].equals("HTTP/1.1")) {
      return Verdict.refuse(505);
    }
    String path = pathOf(parts[1]);
    if (path == null) {
      return Verdict.refuse(400);
    }
    if (request.count("Host") != 1 || request.get("Host").isEmpty()) {
      return Verdict.refuse(400);
    }
    if (!HttpHead.hasToken(request.joined("Upgrade"), "websocket")
        || !HttpHead.hasToken(request.joined("Connection"), "upgrade")) {
      return Verdict.refuse(400);
    }
    if (request.count("Sec-WebSocket-Version") != 1
        || !"13".equals(request.get("Sec-WebSocket-Version"))) {
      return Verdict.refuse(426);
    }
    String key = request.get("Sec-WebSocket-Key");
    if (request.count("Sec-WebSocket-Key") != 1 || !isKey(key)) {
      return Verdict.refuse(400);
    }
    if (request.get("Transfer-Encoding") != null || hasBody(request.get("Content-Length"))) {
      return Verdict.refuse(400);
    }
    WsListener listener = router.route(WsAddress.routeKey(path));
    if (listener == null) {
      return Verdict.refuse(404);
    }
    String offered = request.joined("Sec-WebSocket-Protocol");
    if (offered == null) {
      return new Verdict(400, listener, null, null);
    }
    String own = subprotocol(listener.protocol());
    for (String item : offered.split(",", -1)) {
      String name = item.trim();
      if (name.equalsIgnoreCase(own)) {
        return new Verdict(101, listener, name, accept(key));
      }
    }
    return new Verdict(400, listener, null, null);
  }

  /** The path of an origin-form, empty or absolute-form request-target; null if malformed. */
  static String pathOf(String target) {
    if (target.isEmpty()) {
      return "/";
    }
    if (target.startsWith("/")) {
      return target;
    }
    int scheme = target.indexOf("://");
    if (scheme > 0) {
      int slash = target.indexOf('/', scheme + 3);
      int question = target.indexOf('?', scheme + 3);
      if (slash < 0 || (question >= 0 && question < slash)) {
        return question < 0 ? "/" : "/" + target.substring(question);
      }
      return target.substring(slash);
    }
    return null;
  }

  private static boolean isKey(String key) {
    if (key == null) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(key).length == 16;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean hasBody(String contentLength) {
    if (contentLength == null) {
      return false;
    }
    return !contentLength.equals("0");
  }

  /**
   * Checks the server's answer (WS-HS-7 … WS-HS-11).
   *
   * @return null if it accepts the upgrade, else what is wrong
   */
  static Failure checkResponse(HttpHead response, String key, String subprotocol) {
    String[] parts = response.startLine().split(" ", 3);
    if (parts.length != 3
        || !parts[0].equals("HTTP/1.1")
        || parts[1].length() != 3
        || parts[2].isEmpty()) {
      return new Failure(Errno.EPROTO, "malformed status line '" + response.startLine() + "'");
    }
    if (!parts[1].equals("101")) {
      Errno errno =
          switch (parts[1]) {
            case "404", "405" -> Errno.ECONNREFUSED;
            case "401", "403" -> Errno.EACCES;
            default -> Errno.EPROTO;
          };
      return new Failure(errno, "server answered " + parts[1] + " " + parts[2]);
    }
    String upgrade = response.get("Upgrade");
    if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
      return new Failure(Errno.EPROTO, "Upgrade is '" + upgrade + "', not websocket");
    }
    if (!HttpHead.hasToken(response.joined("Connection"), "upgrade")) {
      return new Failure(Errno.EPROTO, "Connection does not contain upgrade");
    }
    if (!accept(key).equals(response.get("Sec-WebSocket-Accept"))) {
      return new Failure(Errno.EPROTO, "wrong Sec-WebSocket-Accept");
    }
    String protocol = response.get("Sec-WebSocket-Protocol");
    if (protocol == null || !protocol.equalsIgnoreCase(subprotocol)) {
      return new Failure(
          Errno.EPROTO, "server's sub-protocol is '" + protocol + "', not " + subprotocol);
    }
    return null;
  }

  /** Why a dial's handshake failed: the nanomsg errno and a message for people. */
  record Failure(Errno errno, String message) {}
}
