package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checklist lines about sp4j dialing over ws:// that {@link WsDialerRawTest} leaves open: the
 * subprotocol of every socket type (WS-HS-3), the request size bounds (WS-HS-5), nothing sent
 * before the whole 101 (WS-HS-6), an 8 KiB answer with a frame behind it (WS-HS-12), a fresh mask
 * per frame (WS-FR-2), no Ping of its own (WS-FR-20), a redial after a Close frame (WS-RC-1). The
 * server is a plain {@link ServerSocket} on 127.0.0.1, port 0.
 */
class WsDialerConformanceTest {
  private static final int WAIT_MILLIS = 10_000;

  /** How long a quiet connection is watched for bytes that must not come. */
  private static final int QUIET_MILLIS = 1_500;

  private ServerSocket listener;
  private Socket socket;

  @BeforeEach
  void listen() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    listener.setSoTimeout(WAIT_MILLIS);
  }

  @AfterEach
  void close() throws IOException {
    if (socket != null) {
      socket.close();
    }
    listener.close();
  }

  private Socket open(Protocol protocol) {
    socket = Socket.open(protocol);
    socket.set(Options.SEND_TIMEOUT, java.time.Duration.ofMillis(WAIT_MILLIS));
    return socket;
  }

  private String url(String path) {
    return "ws://127.0.0.1:" + listener.getLocalPort() + path;
  }

  private java.net.Socket accept() throws IOException {
    java.net.Socket client = listener.accept();
    client.setSoTimeout(WAIT_MILLIS);
    return client;
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    for (int i = 0; i < 16384; i++) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        break;
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static String header(String head, String name) {
    Matcher m = Pattern.compile("\r\n" + name + ": ([^\r\n]*)\r\n").matcher(head);
    assertThat(m.find()).as("header %s in %s", name, head).isTrue();
    return m.group(1);
  }

  private static String switching(String request, String subprotocol) {
    return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: "
        + Handshake.accept(header(request, "Sec-WebSocket-Key"))
        + "\r\n"
        + "Sec-WebSocket-Protocol: "
        + subprotocol
        + "\r\n\r\n";
  }

  /** Reads the request and answers 101; returns the stream the dialer's frames come on. */
  private static InputStream upgrade(java.net.Socket server, String subprotocol)
      throws IOException {
    InputStream in = server.getInputStream();
    String request = readHead(in);
    server
        .getOutputStream()
        .write(switching(request, subprotocol).getBytes(StandardCharsets.ISO_8859_1));
    return in;
  }

  private static void assertQuiet(java.net.Socket server, String what) throws IOException {
    server.setSoTimeout(QUIET_MILLIS);
    assertThatThrownBy(() -> server.getInputStream().read())
        .as(what)
        .isInstanceOf(SocketTimeoutException.class);
    server.setSoTimeout(WAIT_MILLIS);
  }

  /** One masked client frame: [first byte, 4 mask bytes, unmasked payload...]. */
  private static byte[][] readMaskedFrame(InputStream in) throws IOException {
    byte[] head = in.readNBytes(2);
    assertThat(head).hasSize(2);
    assertThat(head[1] & 0x80).as("client frames are masked").isNotZero();
    int length = head[1] & 0x7f;
    assertThat(length).isLessThan(126);
    byte[] mask = in.readNBytes(4);
    byte[] payload = in.readNBytes(length);
    for (int i = 0; i < payload.length; i++) {
      payload[i] ^= mask[i % 4];
    }
    return new byte[][] {{head[0]}, mask, payload};
  }

  // ---- WS-HS-3, WS-HS-5 -------------------------------------------------------------------

  @ParameterizedTest(name = "{0} asks for its peer's protocol")
  @EnumSource(Protocol.class)
  void requestNamesTheServersProtocolOnceAndFitsNanomsgsBounds(Protocol protocol)
      throws IOException {
    open(protocol).connect(url(""));
    try (java.net.Socket server = accept()) {
      String request = readHead(server.getInputStream());
      String expected = protocol.peer().name().toLowerCase(Locale.ROOT) + ".sp.nanomsg.org";
      assertThat(header(request, "Sec-WebSocket-Protocol")).isEqualTo(expected);
      assertThat(request.split("Sec-WebSocket-Protocol", -1))
          .as("one Sec-WebSocket-Protocol header")
          .hasSize(2);
      assertThat(request.getBytes(StandardCharsets.ISO_8859_1).length).isBetween(151, 4095);
    }
  }

  /** The shortest dial address sp4j takes and the longest (127 characters). */
  @ParameterizedTest(name = "path of {0} characters")
  @ValueSource(ints = {0, 1, 80})
  void requestLengthStaysBetween151And4095Bytes(int pathLength) throws IOException {
    String path = pathLength == 0 ? "" : "/" + "p".repeat(pathLength - 1);
    String address = url(path);
    if (pathLength == 80) {
      path += "x".repeat(127 - address.length());
      address = url(path);
      assertThat(address).hasSize(127);
    }
    open(Protocol.BUS).connect(address); // "bus": the shortest subprotocol name
    try (java.net.Socket server = accept()) {
      String request = readHead(server.getInputStream());
      assertThat(request).startsWith("GET " + (path.isEmpty() ? "/" : path) + " HTTP/1.1\r\n");
      assertThat(request.getBytes(StandardCharsets.ISO_8859_1).length).isBetween(151, 4095);
    }
  }

  // ---- WS-HS-6 -----------------------------------------------------------------------------

  @Test
  void nothingIsSentBeforeTheWholeSwitchingResponseArrived() throws IOException {
    Socket req = open(Protocol.REQ);
    req.connect(url("/early"));
    req.send("queued".getBytes(StandardCharsets.US_ASCII)); // waits for a pipe
    try (java.net.Socket server = accept()) {
      InputStream in = server.getInputStream();
      OutputStream out = server.getOutputStream();
      String request = readHead(in);
      assertQuiet(server, "no frame after the request alone");
      byte[] answer =
          switching(request, "rep.sp.nanomsg.org").getBytes(StandardCharsets.ISO_8859_1);
      out.write(answer, 0, answer.length - 2); // all but the final CRLF
      out.flush();
      assertQuiet(server, "no frame before the 101 ends");
      out.write(answer, answer.length - 2, 2);
      byte[][] frame = readMaskedFrame(in);
      assertThat(frame[0][0] & 0xff).isEqualTo(0x82);
      assertThat(new String(frame[2], 4, frame[2].length - 4, StandardCharsets.US_ASCII))
          .isEqualTo("queued");
    }
  }

  // ---- WS-HS-12 ----------------------------------------------------------------------------

  @Test
  void answerOfNearly8KiBIsAcceptedAndAFrameBehindItIsKept() throws IOException {
    open(Protocol.REQ).connect(url("/big"));
    try (java.net.Socket server = accept()) {
      InputStream in = server.getInputStream();
      String request = readHead(in);
      String plain = switching(request, "rep.sp.nanomsg.org");
      String padding =
          "X-Padding: " + "a".repeat(8192 - plain.length() - "X-Padding: \r\n".length()) + "\r\n";
      String answer = plain.replace("\r\n\r\n", "\r\n" + padding + "\r\n");
      assertThat(answer).hasSize(8192);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      bytes.writeBytes(answer.getBytes(StandardCharsets.ISO_8859_1));
      bytes.writeBytes(new byte[] {(byte) 0x89, 2, 'h', 'i'}); // a Ping in the same write
      server.getOutputStream().write(bytes.toByteArray());
      byte[][] pong = readMaskedFrame(in);
      assertThat(pong[0][0] & 0xff).isEqualTo(0x8a);
      assertThat(pong[2]).isEqualTo(new byte[] {'h', 'i'});
    }
  }

  @Test
  void answerOver8KiBIsGivenUp() throws IOException {
    open(Protocol.REQ).connect(url("/huge"));
    try (java.net.Socket server = accept()) {
      InputStream in = server.getInputStream();
      String request = readHead(in);
      String answer =
          switching(request, "rep.sp.nanomsg.org")
              .replace("\r\n\r\n", "\r\nX-Padding: " + "a".repeat(8300) + "\r\n\r\n");
      server.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
      assertThat(in.read()).as("the dialer drops the connection").isEqualTo(-1);
    }
  }

  // ---- WS-FR-2 -----------------------------------------------------------------------------

  @Test
  void everyFrameHasAFreshMask() throws IOException {
    Socket push = open(Protocol.PUSH);
    push.connect(url("/masks"));
    try (java.net.Socket server = accept()) {
      InputStream in = upgrade(server, "pull.sp.nanomsg.org");
      Set<String> masks = new HashSet<>();
      for (int i = 0; i < 8; i++) {
        push.send(new byte[] {(byte) i, 0, 0, 0});
        byte[][] frame = readMaskedFrame(in);
        assertThat(frame[2]).isEqualTo(new byte[] {(byte) i, 0, 0, 0});
        masks.add(java.util.HexFormat.of().formatHex(frame[1]));
      }
      assertThat(masks).as("a new random key per frame").hasSize(8);
    }
  }

  // ---- WS-FR-20 ----------------------------------------------------------------------------

  @Test
  void aQuietConnectionGetsNoPingFromTheDialer() throws IOException {
    open(Protocol.PAIR).connect(url("/quiet"));
    try (java.net.Socket server = accept()) {
      upgrade(server, "pair.sp.nanomsg.org");
      assertQuiet(server, "no Ping (nor anything else) on a quiet connection");
    }
  }

  // ---- WS-RC-1 -----------------------------------------------------------------------------

  @Test
  void aCloseFrameFromTheServerIsEchoedAndTheDialerDialsAgain() throws IOException {
    open(Protocol.REQ).connect(url("/again"));
    try (java.net.Socket server = accept()) {
      InputStream in = upgrade(server, "rep.sp.nanomsg.org");
      server.getOutputStream().write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xe9}); // Close 1001
      byte[][] echo = readMaskedFrame(in);
      assertThat(echo[0][0] & 0xff).isEqualTo(0x88);
      assertThat(echo[2])
          .as("the code echoed, no reason")
          .isEqualTo(new byte[] {0x03, (byte) 0xe9});
      assertThat(in.read()).isEqualTo(-1);
    }
    try (java.net.Socket second = accept()) {
      assertThat(readHead(second.getInputStream())).startsWith("GET /again HTTP/1.1\r\n");
    }
  }
}
