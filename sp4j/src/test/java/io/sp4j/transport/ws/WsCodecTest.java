package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.sp4j.Message;
import io.sp4j.MessageType;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.core.FakeEndpointContext;
import io.sp4j.spi.Connection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The server handshake and the framing on an {@link EmbeddedChannel}: bytes in, answers and Close
 * frames out, channel state checked, every buffer released.
 */
class WsCodecTest {
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
  private static final String REQUEST =
      "GET /app HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: "
          + KEY
          + "\r\nSec-WebSocket-Version: 13\r\n"
          + "Sec-WebSocket-Protocol: rep.sp.nanomsg.org\r\n\r\n";

  private final FakeEndpointContext context =
      new FakeEndpointContext(Protocol.REP).with(Options.RECEIVE_MAX_SIZE, 1024);
  private EmbeddedChannel channel;

  @AfterEach
  void release() {
    if (channel != null) {
      channel.finishAndReleaseAll();
    }
  }

  private EmbeddedChannel server(int maxMessageSize) {
    context.with(Options.RECEIVE_MAX_SIZE, maxMessageSize);
    WsListener listener = new WsListener(null, null, "/app", context);
    channel =
        new EmbeddedChannel(
            new ServerHandshakeHandler(key -> key.equals("/app") ? listener : null));
    return channel;
  }

  private static ByteBuf ascii(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
  }

  /** Everything written so far, joined; the buffers are released. */
  private static byte[] outbound(EmbeddedChannel ch) {
    ch.runPendingTasks();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    ByteBuf buf;
    while ((buf = ch.readOutbound()) != null) {
      try {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), bytes);
        all.writeBytes(bytes);
      } finally {
        buf.release();
      }
    }
    return all.toByteArray();
  }

  @Test
  void upgradeAnswers101AndDecodesFramesThatCameWithTheRequest() {
    EmbeddedChannel ch = server(1024);
    byte[] frame = WsRawSocketTest.frame(0x82, new byte[] {(byte) 0x80, 0, 0, 1, 'h', 'i'}, true);
    ch.writeInbound(Unpooled.wrappedBuffer(REQUEST.getBytes(StandardCharsets.ISO_8859_1), frame));
    assertThat(new String(outbound(ch), StandardCharsets.ISO_8859_1))
        .isEqualTo(
            """
            HTTP/1.1 101 Switching Protocols\r
            Upgrade: websocket\r
            Connection: Upgrade\r
            Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r
            Sec-WebSocket-Protocol: rep.sp.nanomsg.org\r
            \r
            """);
    assertThat(ch.pipeline().get(ServerHandshakeHandler.class)).isNull();
    assertThat(context.delivered).hasSize(1);
    assertThat(context.delivered.get(0).body()).containsExactly(0x80, 0, 0, 1, 'h', 'i');
    assertThat(context.peer).isEqualTo(Protocol.REQ);
    assertThat(ch.isOpen()).isTrue();
  }

  @Test
  void requestArrivingByteByByteIsStillUnderstood() {
    EmbeddedChannel ch = server(1024);
    for (byte b : REQUEST.getBytes(StandardCharsets.ISO_8859_1)) {
      ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    assertThat(new String(outbound(ch), StandardCharsets.ISO_8859_1))
        .startsWith("HTTP/1.1 101 Switching Protocols\r\n");
    assertThat(context.attached).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "wrong protocol|Sec-WebSocket-Protocol: rep.sp.nanomsg.org|Sec-WebSocket-Protocol: req.sp.nanomsg.org|400",
        "pair for a rep|Sec-WebSocket-Protocol: rep.sp.nanomsg.org|Sec-WebSocket-Protocol: pair.sp.nanomsg.org|400",
        "unrouted path|GET /app HTTP/1.1|GET /other HTTP/1.1|404",
        "version|Sec-WebSocket-Version: 13|Sec-WebSocket-Version: 12|426",
        "method|GET /app HTTP/1.1|PUT /app HTTP/1.1|405",
        "HTTP/2|GET /app HTTP/1.1|GET /app HTTP/2.0|505",
        "garbage start line|GET /app HTTP/1.1|hello|400",
        "folded header|Host: h|Host: h\\r\\n  folded|400"
      })
  void refusedRequestGetsItsStatusAndTheChannelCloses(
      String name, String from, String to, int status) {
    EmbeddedChannel ch = server(1024);
    ch.writeInbound(ascii(REQUEST.replace(unescape(from), unescape(to))));
    String answer = new String(outbound(ch), StandardCharsets.ISO_8859_1);
    assertThat(answer)
        .startsWith("HTTP/1.1 " + status + " ")
        .contains("Content-Length: 0\r\nConnection: close\r\n\r\n");
    assertThat(ch.isOpen()).isFalse();
    assertThat(context.attached).isEmpty();
  }

  @Test
  void socketThatRefusesThePeerGetsA101ThenPlainClose() {
    context.refusingConnections();
    EmbeddedChannel ch = server(1024);
    ch.writeInbound(ascii(REQUEST));
    assertThat(new String(outbound(ch), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 101 ");
    assertThat(ch.isOpen()).isFalse();
  }

  private EmbeddedChannel upgraded(int maxMessageSize) {
    EmbeddedChannel ch = server(maxMessageSize);
    ch.writeInbound(ascii(REQUEST));
    outbound(ch);
    return ch;
  }

  @Test
  void unmaskedFrameFromAClientIsClosedWith1002() {
    EmbeddedChannel ch = upgraded(1024);
    try {
      ch.writeInbound(Unpooled.wrappedBuffer(WsRawSocketTest.frame(0x82, new byte[] {1}, false)));
    } catch (RuntimeException expected) {
      // the decoder reports the violation after writing its Close
    }
    byte[] out = outbound(ch);
    assertThat(out[0] & 0xff).isEqualTo(0x88);
    assertThat((out[2] & 0xff) << 8 | (out[3] & 0xff)).isEqualTo(1002);
    assertThat(ch.isOpen()).isFalse();
    assertThat(context.delivered).isEmpty();
    assertThat(context.isClosed()).isTrue();
  }

  @Test
  void fragmentsOverTheLimitAreClosedWith1009AndNeverDelivered() {
    EmbeddedChannel ch = upgraded(10);
    ch.writeInbound(Unpooled.wrappedBuffer(WsRawSocketTest.frame(0x02, new byte[6], true)));
    ch.writeInbound(Unpooled.wrappedBuffer(WsRawSocketTest.frame(0x80, new byte[5], true)));
    assertThat(outbound(ch))
        .containsExactly(
            HexFormat.of()
                .parseHex(
                    "881d03f1"
                        + HexFormat.of()
                            .formatHex(
                                "Message size exceeds limit."
                                    .getBytes(StandardCharsets.US_ASCII))));
    assertThat(ch.isOpen()).isFalse();
    assertThat(context.delivered).isEmpty();
  }

  @Test
  void fragmentPushingTheTotalOverTheLimitIsRefusedFromItsHeaderBeforeItsPayload() {
    EmbeddedChannel ch = upgraded(100);
    ch.writeInbound(Unpooled.wrappedBuffer(WsRawSocketTest.frame(0x02, new byte[60], true)));
    byte[] second = WsRawSocketTest.frame(0x80, new byte[60], true);
    ch.writeInbound(
        Unpooled.wrappedBuffer(java.util.Arrays.copyOf(second, 6))); // header and mask only
    assertThat(outbound(ch))
        .containsExactly(
            HexFormat.of()
                .parseHex(
                    "881d03f1"
                        + HexFormat.of()
                            .formatHex(
                                "Message size exceeds limit."
                                    .getBytes(StandardCharsets.US_ASCII))));
    assertThat(ch.isOpen()).isFalse();
    assertThat(context.delivered).isEmpty();
  }

  @Test
  void framesArrivingOneByteAtATimePassTheSizeGuardIntact() {
    EmbeddedChannel ch = upgraded(1024);
    byte[] body = new byte[300];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) i;
    }
    byte[] bytes =
        concat(
            WsRawSocketTest.frame(0x02, java.util.Arrays.copyOf(body, 200), true),
            WsRawSocketTest.frame(0x89, new byte[] {'p'}, true),
            WsRawSocketTest.frame(0x80, java.util.Arrays.copyOfRange(body, 200, 300), true));
    for (byte b : bytes) {
      ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    assertThat(outbound(ch)).containsExactly(0x8a, 0x01, 'p');
    assertThat(context.delivered).hasSize(1);
    assertThat(context.delivered.get(0).body()).isEqualTo(body);
    assertThat(ch.isOpen()).isTrue();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @Test
  void closeIsEchoedWithoutItsReason() {
    EmbeddedChannel ch = upgraded(1024);
    ch.writeInbound(
        Unpooled.wrappedBuffer(
            WsRawSocketTest.frame(0x88, new byte[] {0x03, (byte) 0xe8, 'b', 'y', 'e'}, true)));
    assertThat(outbound(ch)).containsExactly(0x88, 0x02, 0x03, 0xe8);
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void sentMessagesAreFramedOnlyAfterTheEventLoopTurnAndFragmentedAbove64KiB() {
    EmbeddedChannel ch = upgraded(1024);
    Connection connection = context.attached.get(0);
    connection.write(
        Message.of(new byte[] {(byte) 0x80, 0, 0, 1}, "world".getBytes(StandardCharsets.US_ASCII)));
    connection.write(
        Message.of("hi".getBytes(StandardCharsets.US_ASCII)).withType(MessageType.TEXT));
    assertThat(outbound(ch))
        .isEqualTo(HexFormat.of().parseHex("820980000001776f726c64" + "81026869"));
    connection.write(Message.of(new byte[65537]));
    byte[] out = outbound(ch);
    assertThat(out).hasSize(10 + 65536 + 2 + 1);
    assertThat(HexFormat.of().formatHex(out, 0, 10)).isEqualTo("027f0000000000010000");
    assertThat(HexFormat.of().formatHex(out, 65546, 65548)).isEqualTo("8001");
  }

  @Test
  void textWhoseHeaderIsNotUtf8GoesAsBinary() {
    EmbeddedChannel ch = upgraded(1024);
    context
        .attached
        .get(0)
        .write(
            Message.of(new byte[] {(byte) 0x80, 0, 0, 1}, new byte[] {'a'})
                .withType(MessageType.TEXT));
    assertThat(outbound(ch)[0] & 0xff).isEqualTo(0x82);
  }

  /** CSV rows cannot hold line breaks: they are written as the four characters {@code \\r\\n}. */
  private static String unescape(String s) {
    return s.replace("\\r\\n", "\r\n");
  }
}
