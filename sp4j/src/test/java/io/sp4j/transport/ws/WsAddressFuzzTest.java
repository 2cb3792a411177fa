package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sp4j.spi.SpAddress;
import io.sp4j.testing.ParseOutcome;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * Any text as a {@code ws://} or {@code wss://} address, for bind and for connect: parsed or
 * refused with a message (WS-URL-1 … 14). A parsed address has a port in range (0 on bind only), a
 * host free of the characters that end it, a request-target starting with {@code /}, a {@code Host}
 * header when it is for connect, and written back from its parts it parses to the same parts.
 */
class WsAddressFuzzTest {
  @FuzzTest(maxDuration = "10m")
  @Timeout(30)
  void anyAddress(byte[] input) {
    SpAddress address = ParseOutcome.address(input, Set.of("ws", "wss"));
    if (address == null) {
      return;
    }
    String url = address.url();
    for (boolean bind : new boolean[] {true, false}) {
      WsAddress ws =
          ParseOutcome.parsedOrRefused(url, Set.of(), () -> WsAddress.parse(address, bind));
      if (ws != null) {
        check(ws, address.scheme(), bind);
      }
    }
  }

  private static void check(WsAddress ws, String scheme, boolean bind) {
    assertThat(ws.port()).as("port").isBetween(bind ? 0 : 1, 65535);
    assertThat(ws.host()).as("host").doesNotContain("/", "?", "#");
    assertThat(ws.requestTarget()).as("request-target").startsWith("/").doesNotContain("#");
    assertThat(bind || !ws.hostHeader().isEmpty()).as("Host header of a dial address").isTrue();
    String rebuilt =
        scheme
            + "://"
            + (ws.localHost() == null ? "" : bracketed(ws.localHost()) + ";")
            + bracketed(ws.host())
            + (ws.defaultPort() ? "" : ":" + ws.port())
            + ws.path()
            + (ws.query() == null ? "" : "?" + ws.query());
    // Not through SpAddress.parse: brackets added around a local IPv6 address may pass 127
    // characters.
    WsAddress again =
        WsAddress.parse(
            new SpAddress(rebuilt, scheme, rebuilt.substring(scheme.length() + 3)), bind);
    assertThat(again)
        .as("%s written back as %s", ws.url(), rebuilt)
        .usingRecursiveComparison()
        .ignoringFields("url")
        .isEqualTo(ws);
  }

  private static String bracketed(String host) {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }
}
