package io.sp4j.testing;

import java.nio.charset.StandardCharsets;

/** A WebSocket upgrade request as a raw test client writes it, with RFC 6455's sample key. */
public final class WsUpgrade {
  private WsUpgrade() {}

  /** The request for {@code path} that asks for {@code subprotocol}, in ISO-8859-1 bytes. */
  public static byte[] request(String path, String subprotocol) {
    return """
        GET %s HTTP/1.1\r
        Host: 127.0.0.1\r
        Upgrade: websocket\r
        Connection: Upgrade\r
        Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
        Sec-WebSocket-Version: 13\r
        Sec-WebSocket-Protocol: %s\r
        \r
        """
        .formatted(path, subprotocol)
        .getBytes(StandardCharsets.ISO_8859_1);
  }
}
