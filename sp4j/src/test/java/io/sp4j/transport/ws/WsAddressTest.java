package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sp4j.Protocol;
import io.sp4j.spi.SpAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** URL parsing (WS-URL) and the client's request bytes (WS-HS-1 … 5). */
class WsAddressTest {
  private static WsAddress dial(String url) {
    return WsAddress.parse(SpAddress.parse(url), false);
  }

  private static WsAddress bind(String url) {
    return WsAddress.parse(SpAddress.parse(url), true);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "ws://example.com|example.com|80|/|example.com",
        "ws://example.com:80/x|example.com|80|/x|example.com",
        "ws://127.0.0.1:5555/a:b?x=1&y=2#frag|127.0.0.1|5555|/a:b?x=1&y=2|127.0.0.1:5555",
        "ws://[::1]:6000/p|::1|6000|/p|[::1]:6000",
        "ws://[::1]/p|::1|80|/p|[::1]",
        "ws://h/a:5|h|80|/a:5|h",
        "ws://h?q|h|80|/?q|h",
        "wss://example.com/p|example.com|443|/p|example.com",
        "wss://example.com:80/p|example.com|80|/p|example.com:80",
        "wss://[::1]:443|::1|443|/|[::1]"
      })
  void dialAddresses(String url, String host, int port, String target, String hostHeader) {
    WsAddress address = dial(url);
    assertThat(address.host()).isEqualTo(host);
    assertThat(address.port()).isEqualTo(port);
    assertThat(address.requestTarget()).isEqualTo(target);
    assertThat(address.hostHeader()).isEqualTo(hostHeader);
  }

  @Test
  void bindAddresses() {
    assertThat(bind("ws://*:0").anyHost()).isTrue();
    assertThat(bind("ws://:5555/x").anyHost()).isTrue();
    assertThat(bind("ws://:5555/x").hasPath()).isTrue();
    assertThat(bind("ws://127.0.0.1").port()).isEqualTo(80);
    assertThat(bind("ws://127.0.0.1:0").port()).isZero();
    assertThat(bind("ws://127.0.0.1:0").hasPath()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ws://h:0/x|port 0",
        "ws://h:65536|65536",
        "ws://h:99999999|99999999",
        "ws://h:abc/x|port 'abc'",
        "ws://h:/x|port ''",
        "ws://::1:80/x|brackets",
        "ws://[::1/x|']'",
        "ws://[::1]x/|unexpected",
        "ws://[[::1]/x|not an IPv6 literal",
        "ws://*:80/x|host",
        "ws://:80/x|host"
      })
  void badDialAddresses(String url, String named) {
    assertThatThrownBy(() -> dial(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(named);
  }

  @Test
  void localSourceAddressIsForDialOnly() {
    WsAddress address = dial("ws://127.0.0.2;127.0.0.1:5555/p");
    assertThat(address.localHost()).isEqualTo("127.0.0.2");
    assertThat(address.host()).isEqualTo("127.0.0.1");
    assertThat(address.port()).isEqualTo(5555);
    assertThat(address.hostHeader()).isEqualTo("127.0.0.1:5555");
    assertThat(dial("ws://[::1];[::1]:6000").localHost()).isEqualTo("::1");
    assertThat(dial("ws://127.0.0.1:5555/a;b").localHost())
        .as("';' in the path is not a local address")
        .isNull();
    assertThatThrownBy(() -> bind("ws://127.0.0.2;127.0.0.1:5555/p"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connect only");
    assertThatThrownBy(() -> dial("ws://;127.0.0.1:5555/p"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("local address");
  }

  @Test
  void routeKeys() {
    assertThat(WsAddress.routeKey("")).isEqualTo("/");
    assertThat(WsAddress.routeKey("/app/")).isEqualTo("/app");
    assertThat(WsAddress.routeKey("/app?x=1")).isEqualTo("/app");
    assertThat(WsAddress.routeKey("/")).isEqualTo("/");
  }

  @Test
  void requestIsByteForByteWhatNanomsgAndNngSend() {
    byte[] request =
        Handshake.request(
            dial("ws://127.0.0.1:17001/some/path?x=1&y=2#f"),
            Handshake.subprotocol(Protocol.REQ.peer()),
            "dtRCR86msQt3mnT9LPUZfw==");
    assertThat(new String(request, StandardCharsets.ISO_8859_1))
        .isEqualTo(
            """
        GET /some/path?x=1&y=2 HTTP/1.1\r
        Host: 127.0.0.1:17001\r
        Upgrade: websocket\r
        Connection: Upgrade\r
        Sec-WebSocket-Key: dtRCR86msQt3mnT9LPUZfw==\r
        Sec-WebSocket-Version: 13\r
        Sec-WebSocket-Protocol: rep.sp.nanomsg.org\r
        \r
        """);
    assertThat(request.length).isBetween(151, 4095);
  }

  @Test
  void keysAreFreshAndAcceptMatchesTheRfcVector() {
    String key = Handshake.newKey();
    assertThat(key).hasSize(24).isNotEqualTo(Handshake.newKey());
    assertThat(Handshake.accept("dGhlIHNhbXBsZSBub25jZQ=="))
        .isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  }
}
