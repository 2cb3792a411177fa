package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.sp4j.Errno;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client's checks of the server's answer (WS-HS-7 … 11, 14). */
class WsClientHandshakeTest {
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
  private static final String GOOD =
      """
      HTTP/1.1 101 Switching Protocols\r
      Upgrade: websocket\r
      Connection: Upgrade\r
      Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r
      Sec-WebSocket-Protocol: rep.sp.nanomsg.org\r
      \r
      """;

  private static Handshake.Failure check(String response) {
    ByteBuf buf = Unpooled.copiedBuffer(response, StandardCharsets.ISO_8859_1);
    try {
      int length = HttpHead.length(buf, HttpHead.MAX_SIZE);
      assertThat(length).isEqualTo(response.length());
      return Handshake.checkResponse(HttpHead.read(buf, length), KEY, "rep.sp.nanomsg.org");
    } finally {
      buf.release();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "as nanomsg sends it|Upgrade: websocket|Upgrade: websocket",
        "NNG's header order|Upgrade: websocket\\r\\nConnection: Upgrade|Connection: Upgrade\\r\\nUpgrade: websocket",
        "Upgrade in other case|Upgrade: websocket|Upgrade: WebSocket",
        "Connection list|Connection: Upgrade|Connection: keep-alive, upgrade",
        "protocol in upper case|rep.sp.nanomsg.org|REP.SP.NANOMSG.ORG"
      })
  void accepted(String name, String from, String to) {
    assertThat(check(GOOD.replace(unescape(from), unescape(to)))).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no reason phrase|101 Switching Protocols|101|EPROTO",
        "HTTP/1.0|HTTP/1.1 101|HTTP/1.0 101|EPROTO",
        "404|101 Switching Protocols|404 Not Found|ECONNREFUSED",
        "405|101 Switching Protocols|405 Method Not Allowed|ECONNREFUSED",
        "403|101 Switching Protocols|403 Forbidden|EACCES",
        "400|101 Switching Protocols|400 Bad Request|EPROTO",
        "Upgrade missing|Upgrade: websocket\\r\\n||EPROTO",
        "Connection without upgrade|Connection: Upgrade|Connection: keep-alive|EPROTO",
        "accept in other case|s3pPLMBiTxaQ9kYGzzhZRbK+xOo=|S3PPLMBITXAQ9KYGZZHZRBK+XOO=|EPROTO",
        "protocol missing|Sec-WebSocket-Protocol: rep.sp.nanomsg.org\\r\\n||EPROTO",
        "other protocol|rep.sp.nanomsg.org|req.sp.nanomsg.org|EPROTO"
      })
  void refused(String name, String from, String to, Errno errno) {
    Handshake.Failure failure = check(GOOD.replace(unescape(from), to == null ? "" : unescape(to)));
    assertThat(failure).isNotNull();
    assertThat(failure.errno()).isEqualTo(errno);
  }

  /** CSV rows cannot hold line breaks: they are written as the four characters {@code \\r\\n}. */
  private static String unescape(String s) {
    return s.replace("\\r\\n", "\r\n");
  }
}
