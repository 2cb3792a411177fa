package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.spi.SpAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WS-URL-2, WS-URL-3: a missing port is the scheme's default, for dial and for bind. */
class WsAddressDefaultsTest {

  @ParameterizedTest(name = "{0} bind={1} -> {2}")
  @CsvSource({
    "ws://127.0.0.1, true, 80", "ws://127.0.0.1/p, true, 80", "wss://127.0.0.1, true, 443",
    "wss://127.0.0.1/p, true, 443", "wss://*/p, true, 443", "ws://example.com, false, 80",
    "wss://example.com/p, false, 443"
  })
  void bindWithoutPortTakesTheSchemesDefault(String url, boolean bind, int port) {
    assertThat(WsAddress.parse(SpAddress.parse(url), bind).port()).isEqualTo(port);
  }
}
