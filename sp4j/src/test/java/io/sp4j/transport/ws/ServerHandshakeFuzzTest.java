package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sp4j.Message;
import io.sp4j.Protocol;
import io.sp4j.core.FakeEndpointContext;
import io.sp4j.testing.ChannelFeed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes from a client into a REP listener's {@link ServerHandshakeHandler} (path {@code /app}),
 * then into the framing it installs: the answer is a 101 naming the requested sub-protocol, after
 * which the connection is made; or a complete error answer with one of the statuses the handshake
 * uses, and a close; or, for a request that never completes, a close when the deadline passes
 * (WS-SV-3 … 22). Never an exception, never an open channel that answered nothing.
 */
class ServerHandshakeFuzzTest {
  private static final Set<Integer> ERROR_STATUSES = Set.of(400, 404, 405, 426, 505);
  private static final byte[] SWITCHING =
      "HTTP/1.1 101 Switching Protocols\r\n".getBytes(StandardCharsets.ISO_8859_1);

  @FuzzTest(maxDuration = "10m")
  @Timeout(30)
  void requestFromAClient(byte[] input) {
    ChannelFeed.check(
        TARGET,
        input,
        ServerHandshakeFuzzTest::invariants,
        run ->
            List.of(
                HexFormat.of().formatHex(run.outbound()), run.open(), delivered(run.observed())));
  }

  private static final ChannelFeed.Target<FakeEndpointContext> TARGET =
      new ChannelFeed.Target<>() {
        @Override
        public FakeEndpointContext install(io.netty.channel.embedded.EmbeddedChannel channel) {
          FakeEndpointContext context = new FakeEndpointContext(Protocol.REP);
          WsListener listener = new WsListener(null, null, "/app", context);
          channel
              .pipeline()
              .addLast(new ServerHandshakeHandler(path -> path.equals("/app") ? listener : null));
          return context;
        }

        @Override
        public Duration settle() {
          return Handshake.TIMEOUT.plusSeconds(1);
        }
      };

  private static void invariants(ChannelFeed.Run<FakeEndpointContext> run) {
    assertThat(run.escaped()).as("exception out of the pipeline").isNull();
    byte[] out = run.outbound();
    String answer = new String(out, StandardCharsets.ISO_8859_1);
    int headEnd = answer.indexOf("\r\n\r\n") + 4;
    if (out.length == 0) {
      assertThat(run.open()).as("open after the deadline without an answer").isFalse();
    } else if (answer.startsWith(new String(SWITCHING, StandardCharsets.ISO_8859_1))) {
      String head = answer.substring(0, headEnd);
      String protocol = header(head, "Sec-WebSocket-Protocol");
      assertThat(protocol).as("sub-protocol echoed").isEqualToIgnoringCase("rep.sp.nanomsg.org");
      assertThat(head)
          .as("the whole 101")
          .isEqualTo(
              new String(
                  Handshake.switching(header(head, "Sec-WebSocket-Accept"), protocol),
                  StandardCharsets.ISO_8859_1));
      assertThat(run.observed().attached).as("connections made").hasSize(1);
    } else {
      int status = Integer.parseInt(answer.substring(9, 12));
      assertThat(ERROR_STATUSES).as("status answered").contains(status);
      assertThat(out).as("the complete error answer").isEqualTo(Handshake.error(status));
      assertThat(run.open()).as("open after an error answer").isFalse();
      assertThat(run.observed().attached).as("connections made").isEmpty();
    }
  }

  private static String header(String head, String name) {
    for (String line : head.split("\r\n", -1)) {
      if (line.startsWith(name + ": ")) {
        return line.substring(name.length() + 2);
      }
    }
    throw new AssertionError("no " + name + " in " + head);
  }

  private static List<String> delivered(FakeEndpointContext context) {
    return context.delivered.stream()
        .map(Message::toWireBytes)
        .map(HexFormat.of()::formatHex)
        .toList();
  }
}
