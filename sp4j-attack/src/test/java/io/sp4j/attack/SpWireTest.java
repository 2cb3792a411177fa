package io.sp4j.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.Protocol;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The bytes the attacks send, against the wire facts of the spec digests and RFC 6455. */
class SpWireTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void greetingOfAReq() {
    assertThat(HEX.formatHex(SpWire.greeting(Protocol.REQ))).isEqualTo("0053500000300000");
    assertThat(SpWire.isGreeting(SpWire.greeting(Protocol.REP))).isTrue();
  }

  @Test
  void announcingTheLimitIsEightOrFourteenBytes() {
    assertThat(HEX.formatHex(Scheme.TCP.announce(1 << 20, 0))).isEqualTo("0000000000100000");
    // FIN + binary, mask bit + 127, 8-byte length 1 MiB, 4-byte mask
    assertThat(HEX.formatHex(Scheme.WS.announce(1 << 20, 0x01020304)))
        .isEqualTo("82ff000000000010000001020304");
  }

  @Test
  void shortAndMediumLengthsUseTheShortestForm() {
    assertThat(HEX.formatHex(SpWire.frameHeader(0x89, 0, 0))).isEqualTo("898000000000");
    assertThat(HEX.formatHex(SpWire.frameHeader(0x82, 300, 0))).isEqualTo("82fe012c00000000");
  }

  @Test
  void maskingFollowsTheOffsetInTheFrame() {
    byte[] plain = {1, 2, 3, 4, 5};
    assertThat(SpWire.masked(SpWire.masked(plain, 0x11223344, 0), 0x11223344, 0)).isEqualTo(plain);
    // The byte at offset 1 is masked with the mask's second byte.
    assertThat(SpWire.masked(new byte[] {0}, 0x11223344, 1)).containsExactly(0x22);
  }

  @Test
  void theUpgradeRequestNamesTheServersProtocol() {
    String request =
        new String(
            SpWire.upgradeRequest("127.0.0.1:1", Protocol.REP),
            java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(request)
        .startsWith("GET / HTTP/1.1\r\n")
        .contains("Sec-WebSocket-Protocol: rep.sp.nanomsg.org\r\n")
        .endsWith("\r\n\r\n");
  }
}
