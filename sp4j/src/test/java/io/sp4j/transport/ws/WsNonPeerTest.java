package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sp4j.Endpoint;
import io.sp4j.Errno;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SP-GEN-2 over ws://: an sp4j socket dialing a listener of a protocol that is not its peer is
 * refused in the handshake (400, EPROTO for the dialer) and no message ever flows either way.
 */
class WsNonPeerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @ParameterizedTest(name = "{0} dialing {1}")
  @CsvSource({
    "PUSH, REP",
    "REQ, PULL",
    "PAIR, BUS",
    "BUS, PAIR",
    "PUB, PULL",
    "SURVEYOR, REP",
    "RESPONDENT, RESPONDENT",
    "REP, REP",
    "PUSH, SUB"
  })
  void nonPeerIsRefusedBeforeAnyMessage(Protocol dialer, Protocol listener) {
    try (Socket server = Socket.open(listener);
        Socket client = Socket.open(dialer)) {
      client.set(Options.RECONNECT_INTERVAL, Duration.ofMillis(20));
      int port = server.bind("ws://127.0.0.1:0/np").port();
      Endpoint endpoint = client.connect("ws://127.0.0.1:" + port + "/np");
      await().atMost(WAIT).until(() -> endpoint.lastConnectFailure().isPresent());
      assertThat(endpoint.lastConnectFailure().get().errno()).isEqualTo(Errno.EPROTO);
      assertThat(endpoint.lastConnectFailure().get().getMessage()).contains("400");
      byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
      if (dialer != Protocol.SUB && dialer != Protocol.REP && dialer != Protocol.RESPONDENT) {
        // No pipe: a PUSH/PAIR/BUS/REQ/SURVEYOR/PUB send has nowhere to go.
        client.trySend(io.sp4j.Message.of(hello));
      }
      if (listener != Protocol.PUB && listener != Protocol.PUSH) {
        assertThat(server.tryReceive()).as("nothing reached the listener").isEmpty();
      }
    }
  }
}
