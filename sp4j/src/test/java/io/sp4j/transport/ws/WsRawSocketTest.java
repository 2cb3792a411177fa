package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sp4j.Endpoint;
import io.sp4j.Message;
import io.sp4j.MessageType;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Refusal;
import io.sp4j.Socket;
import io.sp4j.core.ManualTimeSockets;
import io.sp4j.testing.ManualTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A live sp4j listener on 127.0.0.1, spoken to with plain TCP sockets: exact handshake bytes, every
 * refusal's status, the close code of each bad frame (checklist WS-SV, WS-FR, WS-CL).
 */
class WsRawSocketTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
  private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

  private Socket server;
  private int port;
  private final List<java.net.Socket> clients = new ArrayList<>();

  @BeforeEach
  void listen() {
    server = Socket.open(Protocol.PULL);
    server.set(Options.RECEIVE_TIMEOUT, WAIT);
    server.set(Options.RECEIVE_MAX_SIZE, 1000);
    Endpoint endpoint = server.bind("ws://127.0.0.1:0/app");
    port = endpoint.port();
  }

  @AfterEach
  void close() throws IOException {
    for (java.net.Socket client : clients) {
      client.close();
    }
    server.close();
  }

  private static String request(String requestLine, String... headers) {
    StringBuilder s = new StringBuilder(requestLine).append("\r\n");
    for (String header : headers) {
      s.append(header).append("\r\n");
    }
    return s.append("\r\n").toString();
  }

  private static String goodRequest(String path, String protocol) {
    return request(
        "GET " + path + " HTTP/1.1",
        "Host: 127.0.0.1",
        "Upgrade: websocket",
        "Connection: Upgrade",
        "Sec-WebSocket-Key: " + KEY,
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Protocol: " + protocol);
  }

  private java.net.Socket connect() throws IOException {
    return connect(port);
  }

  private java.net.Socket connect(int to) throws IOException {
    java.net.Socket client = new java.net.Socket();
    clients.add(client);
    client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), to), 5000);
    client.setSoTimeout((int) WAIT.toMillis());
    return client;
  }

  /** Reads up to and including the blank line that ends an HTTP head. */
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

  private static byte[] readExactly(InputStream in, int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    assertThat(bytes).as("bytes before end of stream").hasSize(n);
    return bytes;
  }

  /** Reads one unmasked server frame: [opcode byte, payload...]. */
  private static byte[] readFrame(InputStream in) throws IOException {
    byte[] first = readExactly(in, 2);
    assertThat(first[1] & 0x80).as("server frames are not masked").isZero();
    long length = first[1] & 0x7f;
    if (length == 126) {
      byte[] l = readExactly(in, 2);
      length = ((long) (l[0] & 0xff) << 8) | (l[1] & 0xff);
    } else if (length == 127) {
      byte[] l = readExactly(in, 8);
      length = 0;
      for (byte b : l) {
        length = length << 8 | (b & 0xff);
      }
    }
    byte[] payload = readExactly(in, (int) length);
    byte[] frame = new byte[payload.length + 1];
    frame[0] = first[0];
    System.arraycopy(payload, 0, frame, 1, payload.length);
    return frame;
  }

  /** The close code the server sent, after which it must close the connection. */
  private static int readCloseCode(InputStream in) throws IOException {
    byte[] frame = readFrame(in);
    assertThat(frame[0] & 0xff).as("a final Close frame").isEqualTo(0x88);
    assertThat(frame.length).isGreaterThanOrEqualTo(3);
    assertThat(frame.length - 3).as("reason length").isLessThanOrEqualTo(123);
    int code = (frame[1] & 0xff) << 8 | (frame[2] & 0xff);
    assertThat(in.read()).as("TCP closed after the Close frame").isEqualTo(-1);
    return code;
  }

  /** A client frame: masked with 01 02 03 04 unless {@code mask} is false; minimal length. */
  static byte[] frame(int firstByte, byte[] payload, boolean mask) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(firstByte);
    int maskBit = mask ? 0x80 : 0;
    if (payload.length <= 125) {
      out.write(maskBit | payload.length);
    } else if (payload.length <= 65535) {
      out.write(maskBit | 126);
      out.write(payload.length >> 8);
      out.write(payload.length);
    } else {
      out.write(maskBit | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) ((long) payload.length >> shift));
      }
    }
    byte[] key = {1, 2, 3, 4};
    if (mask) {
      out.writeBytes(key);
    }
    for (int i = 0; i < payload.length; i++) {
      out.write(mask ? payload[i] ^ key[i % 4] : payload[i]);
    }
    return out.toByteArray();
  }

  private InputStream upgraded(java.net.Socket client) throws IOException {
    client
        .getOutputStream()
        .write(goodRequest("/app", "pull.sp.nanomsg.org").getBytes(StandardCharsets.ISO_8859_1));
    InputStream in = client.getInputStream();
    assertThat(readHead(in)).startsWith("HTTP/1.1 101 ");
    return in;
  }

  // ---- handshake -------------------------------------------------------------------------

  @Test
  void successResponseIsExactlyTheChecklistBytes() throws IOException {
    java.net.Socket client = connect();
    client
        .getOutputStream()
        .write(
            goodRequest("/app?x=1", "PULL.sp.nanomsg.org").getBytes(StandardCharsets.ISO_8859_1));
    assertThat(readHead(client.getInputStream()))
        .isEqualTo(
            "HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: "
                + ACCEPT
                + "\r\n"
                + "Sec-WebSocket-Protocol: PULL.sp.nanomsg.org\r\n"
                + "\r\n");
  }

  @Test
  void protocolListIsAcceptedAndOnlyTheMatchEchoed() throws IOException {
    java.net.Socket client = connect();
    client
        .getOutputStream()
        .write(
            goodRequest("/app/", "x.example, pull.sp.nanomsg.org")
                .getBytes(StandardCharsets.ISO_8859_1));
    assertThat(readHead(client.getInputStream()))
        .contains("\r\nSec-WebSocket-Protocol: pull.sp.nanomsg.org\r\n\r\n");
  }

  @Test
  void bareLineFeedsTabsAndAbsoluteTargetAreTolerated() throws IOException {
    java.net.Socket client = connect();
    String request =
        "GET http://127.0.0.1/app HTTP/1.1\n"
            + "host:\t127.0.0.1\n"
            + "UPGRADE: WebSocket\n"
            + "connection: keep-alive, Upgrade\n"
            + "sec-websocket-key: "
            + KEY
            + "\n"
            + "sec-websocket-version:13\n"
            + "sec-websocket-protocol: pull.sp.nanomsg.org\t\n"
            + "\n";
    client.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(readHead(client.getInputStream()))
        .startsWith("HTTP/1.1 101 Switching Protocols\r\n");
  }

  static Stream<Arguments> badRequests() {
    String key = "Sec-WebSocket-Key: " + KEY;
    String up = "Upgrade: websocket";
    String conn = "Connection: Upgrade";
    String ver = "Sec-WebSocket-Version: 13";
    String proto = "Sec-WebSocket-Protocol: pull.sp.nanomsg.org";
    String host = "Host: 127.0.0.1";
    return Stream.of(
        Arguments.of("POST", request("POST /app HTTP/1.1", host, up, conn, key, ver, proto), 405),
        Arguments.of(
            "lower-case get", request("get /app HTTP/1.1", host, up, conn, key, ver, proto), 405),
        Arguments.of(
            "HTTP/1.0", request("GET /app HTTP/1.0", host, up, conn, key, ver, proto), 505),
        Arguments.of("no Host", request("GET /app HTTP/1.1", up, conn, key, ver, proto), 400),
        Arguments.of("no Upgrade", request("GET /app HTTP/1.1", host, conn, key, ver, proto), 400),
        Arguments.of(
            "Upgrade h2c",
            request("GET /app HTTP/1.1", host, "Upgrade: h2c", conn, key, ver, proto),
            400),
        Arguments.of(
            "Connection keep-alive",
            request("GET /app HTTP/1.1", host, up, "Connection: keep-alive", key, ver, proto),
            400),
        Arguments.of(
            "version 8",
            request("GET /app HTTP/1.1", host, up, conn, key, "Sec-WebSocket-Version: 8", proto),
            426),
        Arguments.of("no key", request("GET /app HTTP/1.1", host, up, conn, ver, proto), 400),
        Arguments.of(
            "short key",
            request("GET /app HTTP/1.1", host, up, conn, "Sec-WebSocket-Key: c2hvcnQ=", ver, proto),
            400),
        Arguments.of("no protocol", request("GET /app HTTP/1.1", host, up, conn, key, ver), 400),
        Arguments.of(
            "peer's protocol",
            request(
                "GET /app HTTP/1.1",
                host,
                up,
                conn,
                key,
                ver,
                "Sec-WebSocket-Protocol: push.sp.nanomsg.org"),
            400),
        Arguments.of(
            "unknown protocol",
            request("GET /app HTTP/1.1", host, up, conn, key, ver, "Sec-WebSocket-Protocol: chat"),
            400),
        Arguments.of(
            "body",
            request("GET /app HTTP/1.1", host, up, conn, key, ver, proto, "Content-Length: 5"),
            400),
        Arguments.of(
            "chunked",
            request(
                "GET /app HTTP/1.1", host, up, conn, key, ver, proto, "Transfer-Encoding: chunked"),
            400),
        Arguments.of(
            "other path", request("GET /apple HTTP/1.1", host, up, conn, key, ver, proto), 404),
        Arguments.of(
            "sub path", request("GET /app/x HTTP/1.1", host, up, conn, key, ver, proto), 404),
        Arguments.of(
            "empty target", request("GET  HTTP/1.1", host, up, conn, key, ver, proto), 404),
        Arguments.of(
            "headers over 8 KiB",
            request(
                "GET /app HTTP/1.1",
                host,
                up,
                conn,
                key,
                ver,
                proto,
                "X-Padding: " + "a".repeat(8200)),
            400));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("badRequests")
  void badHandshakeGetsACompleteErrorResponseThenClose(String name, String request, int status)
      throws IOException {
    java.net.Socket client = connect();
    client.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
    InputStream in = client.getInputStream();
    String head = readHead(in);
    assertThat(head).startsWith("HTTP/1.1 " + status + " ");
    assertThat(head)
        .contains("\r\nContent-Length: 0\r\n")
        .contains("\r\nConnection: close\r\n")
        .endsWith("\r\n\r\n");
    if (status == 426) {
      assertThat(head).contains("\r\nSec-WebSocket-Version: 13\r\n");
    }
    assertThat(in.read()).as("closed after the response").isEqualTo(-1);
    assertServerStillServes();
  }

  @Test
  void stalledHandshakeIsClosedWithoutResponseAtTheHandshakeTimeout() throws IOException {
    ManualTime time = new ManualTime();
    try (Socket pull = ManualTimeSockets.open(Protocol.PULL, time)) {
      int timedPort = pull.bind("ws://127.0.0.1:0/app").port();
      java.net.Socket client = connect(timedPort);
      client
          .getOutputStream()
          .write("GET /app HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
      time.passTheDeadline(Options.HANDSHAKE_TIMEOUT.defaultValue());
      assertThat(client.getInputStream().read()).isEqualTo(-1);
      assertThat(pull.refusals()).containsEntry(Refusal.HANDSHAKE_TIMEOUT, 1L);
      assertStillServes(pull, timedPort);
    }
  }

  static Stream<Arguments> unfinishedRequests() {
    return Stream.of(
        Arguments.of("nothing", ""),
        Arguments.of("part of a request", "GET /app HTTP/1.1\r\nHost: x\r\n"));
  }

  /**
   * A closed endpoint also closes what it accepted that is not upgraded yet (nothing or part of a
   * request sent).
   */
  @ParameterizedTest(name = "{0} sent")
  @MethodSource("unfinishedRequests")
  void closedEndpointClosesConnectionsStillInTheirUpgrade(String name, String sent)
      throws IOException {
    try (Socket pull = Socket.open(Protocol.PULL)) {
      pull.set(
          Options.HANDSHAKE_TIMEOUT,
          Duration.ofMinutes(5)); // so only the endpoint's close can end it
      pull.set(Options.MAX_HANDSHAKES, 1);
      Endpoint bound = pull.bind("ws://127.0.0.1:0/app");
      java.net.Socket stalled = connect(bound.port());
      stalled.getOutputStream().write(sent.getBytes(StandardCharsets.ISO_8859_1));
      // One upgrade at a time: a later request answered 503 proves the stalled one was accepted.
      // (A request taken before it is upgraded, which frees the one place again.)
      await()
          .atMost(WAIT)
          .until(
              () -> {
                java.net.Socket probe = connect(bound.port());
                probe
                    .getOutputStream()
                    .write(
                        goodRequest("/app", "push.sp.nanomsg.org")
                            .getBytes(StandardCharsets.ISO_8859_1));
                return readHead(probe.getInputStream()).startsWith("HTTP/1.1 503 ");
              });

      bound.close();
      assertThat(stalled.getInputStream().read())
          .as("closed, before its upgrade timed out")
          .isEqualTo(-1);
    }
  }

  // ---- frames ----------------------------------------------------------------------------

  @Test
  void requestAndReplyMatchTheChecklistVectors() throws IOException {
    try (Socket rep = Socket.open(Protocol.REP)) {
      rep.set(Options.RECEIVE_TIMEOUT, WAIT);
      int repPort = rep.bind("ws://127.0.0.1:0").port();
      java.net.Socket client = new java.net.Socket(InetAddress.getLoopbackAddress(), repPort);
      clients.add(client);
      client.setSoTimeout((int) WAIT.toMillis());
      client
          .getOutputStream()
          .write(
              goodRequest("/anything/here?q=1", "rep.sp.nanomsg.org")
                  .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = client.getInputStream();
      assertThat(readHead(in)).startsWith("HTTP/1.1 101 ");
      client
          .getOutputStream()
          .write(HexFormat.of().parseHex("82890102030481020305696" + "76f686e"));
      Message request = rep.receiveMessage();
      assertThat(request.body()).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
      assertThat(request.type()).contains(io.sp4j.MessageType.BINARY);
      rep.send("world".getBytes(StandardCharsets.US_ASCII));
      assertThat(readExactly(in, 11))
          .isEqualTo(HexFormat.of().parseHex("82098000000177" + "6f726c64"));
      // Close 1000 from the client is echoed as 1000, then TCP closes.
      client
          .getOutputStream()
          .write(frame(0x88, new byte[] {0x03, (byte) 0xe8, 'b', 'y', 'e'}, true));
      assertThat(readCloseCode(in)).isEqualTo(1000);
    }
  }

  static Stream<Arguments> badFrames() {
    return Stream.of(
        Arguments.of("unmasked frame", frame(0x82, new byte[] {1, 2, 3}, false), 1002),
        Arguments.of("RSV1 set", frame(0xc2, new byte[] {1}, true), 1002),
        Arguments.of("reserved data opcode 3", frame(0x83, new byte[] {1}, true), 1002),
        Arguments.of("reserved control opcode 11", frame(0x8b, new byte[0], true), 1002),
        Arguments.of("continuation without a message", frame(0x80, new byte[] {1}, true), 1002),
        Arguments.of(
            "new message inside a fragmented one",
            concat(frame(0x02, new byte[] {1}, true), frame(0x82, new byte[] {2}, true)),
            1002),
        Arguments.of(
            "non-minimal 16-bit length", HexFormat.of().parseHex("82fe000501020304"), 1002),
        Arguments.of(
            "64-bit length with MSB set",
            HexFormat.of().parseHex("82ff800000000000000001020304"),
            1002),
        Arguments.of("fragmented ping", frame(0x09, new byte[] {1}, true), 1002),
        Arguments.of("ping over 125 bytes", frame(0x89, new byte[126], true), 1002),
        Arguments.of("close with 1-byte payload", frame(0x88, new byte[] {3}, true), 1002),
        Arguments.of("close code 1005", frame(0x88, new byte[] {0x03, (byte) 0xed}, true), 1002),
        Arguments.of("close code 5000", frame(0x88, new byte[] {0x13, (byte) 0x88}, true), 1002),
        Arguments.of(
            "close reason not UTF-8",
            frame(0x88, new byte[] {0x03, (byte) 0xe8, (byte) 0xff}, true),
            1002),
        Arguments.of(
            "close with code 3000", frame(0x88, new byte[] {0x0b, (byte) 0xb8, 'x'}, true), 3000),
        Arguments.of("empty close", frame(0x88, new byte[0], true), 1000),
        Arguments.of(
            "invalid UTF-8 text",
            frame(0x81, new byte[] {'a', (byte) 0xc0, (byte) 0x80}, true),
            1007),
        Arguments.of(
            "text truncated at the end",
            concat(
                frame(0x01, new byte[] {'a', (byte) 0xe2}, true),
                frame(0x80, new byte[] {(byte) 0x82}, true)),
            1007),
        Arguments.of("frame over the receive limit", frame(0x82, new byte[1001], true), 1009),
        Arguments.of(
            "fragments over the receive limit",
            concat(frame(0x02, new byte[600], true), frame(0x80, new byte[401], true)),
            1009));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("badFrames")
  void badFrameGetsTheRightCloseCode(String name, byte[] bytes, int code) throws IOException {
    java.net.Socket client = connect();
    InputStream in = upgraded(client);
    client.getOutputStream().write(bytes);
    assertThat(readCloseCode(in)).isEqualTo(code);
    assertServerStillServes();
  }

  @Test
  void pingIsAnsweredInTheMiddleOfAFragmentedMessage() throws IOException {
    java.net.Socket client = connect();
    InputStream in = upgraded(client);
    client
        .getOutputStream()
        .write(
            concat(
                frame(0x01, "héllo ".getBytes(StandardCharsets.UTF_8), true),
                frame(0x89, new byte[] {'p', 'p'}, true),
                frame(0x8a, new byte[] {'x'}, true),
                frame(0x80, "wörld".getBytes(StandardCharsets.UTF_8), true),
                frame(0x82, new byte[0], true)));
    assertThat(readFrame(in)).isEqualTo(new byte[] {(byte) 0x8a, 'p', 'p'});
    Message message = server.receiveMessage();
    assertThat(new String(message.body(), StandardCharsets.UTF_8)).isEqualTo("héllo wörld");
    assertThat(message.type()).contains(MessageType.TEXT);
    Message empty = server.receiveMessage();
    assertThat(empty.size()).isZero();
    assertThat(empty.type()).contains(MessageType.BINARY);
  }

  @Test
  void exactlyTheReceiveLimitIsDelivered() throws IOException {
    java.net.Socket client = connect();
    upgraded(client);
    client
        .getOutputStream()
        .write(concat(frame(0x02, new byte[600], true), frame(0x80, new byte[400], true)));
    assertThat(server.receive()).hasSize(1000);
  }

  @Test
  void serverSendsUnmaskedBinaryFramesAndFragmentsLargeMessages() throws IOException {
    try (Socket push = Socket.open(Protocol.PUSH)) {
      int pushPort = push.bind("ws://127.0.0.1:0/").port();
      java.net.Socket client = new java.net.Socket(InetAddress.getLoopbackAddress(), pushPort);
      clients.add(client);
      client.setSoTimeout((int) WAIT.toMillis());
      client
          .getOutputStream()
          .write(goodRequest("", "push.sp.nanomsg.org").getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = client.getInputStream();
      assertThat(readHead(in)).startsWith("HTTP/1.1 101 ");
      push.send(new byte[0]);
      assertThat(readExactly(in, 2)).isEqualTo(new byte[] {(byte) 0x82, 0});
      push.send(new byte[200]);
      assertThat(readExactly(in, 4)).isEqualTo(new byte[] {(byte) 0x82, 0x7e, 0, (byte) 0xc8});
      readExactly(in, 200);
      push.send(new byte[200000]);
      assertThat(readExactly(in, 10)).isEqualTo(HexFormat.of().parseHex("027f0000000000010000"));
      readExactly(in, 65536);
      assertThat(readExactly(in, 10)).isEqualTo(HexFormat.of().parseHex("007f0000000000010000"));
      readExactly(in, 65536);
      assertThat(readExactly(in, 10)).isEqualTo(HexFormat.of().parseHex("007f0000000000010000"));
      readExactly(in, 65536);
      assertThat(readExactly(in, 4)).isEqualTo(HexFormat.of().parseHex("807e0d40"));
      readExactly(in, 3392);
    }
  }

  @ParameterizedTest(name = "fragments of {0} bytes")
  @ValueSource(ints = {1024, 4096, 1048576})
  void fragmentSizeIsTheSocketsOption(int fragment) throws IOException {
    try (Socket push = Socket.open(Protocol.PUSH)) {
      push.set(Options.WS_FRAGMENT_SIZE, fragment);
      InputStream in = pushWithOneClient(push);
      int size = 2 * fragment + 452;
      push.send(new byte[size]);
      for (int offset = 0; offset < size; offset += fragment) {
        int length = Math.min(fragment, size - offset);
        int first = (offset + length == size ? 0x80 : 0) | (offset == 0 ? 2 : 0);
        byte[] head =
            length < 65536
                ? new byte[] {(byte) first, 0x7e, (byte) (length >> 8), (byte) length}
                : new byte[] {
                  (byte) first,
                  0x7f,
                  0,
                  0,
                  0,
                  0,
                  0,
                  (byte) (length >> 16),
                  (byte) (length >> 8),
                  (byte) length
                };
        assertThat(readExactly(in, head.length)).as("frame at %d", offset).isEqualTo(head);
        readExactly(in, length);
      }
    }
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(ints = {0, 1023, 1048577})
  void fragmentSizeOutsideItsRangeIsRefused(int fragment) {
    try (Socket push = Socket.open(Protocol.PUSH)) {
      assertThatThrownBy(() -> push.set(Options.WS_FRAGMENT_SIZE, fragment))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("WS_FRAGMENT_SIZE");
    }
  }

  /** A PUSH listener with one raw client upgraded and a message through, so its pipe is up. */
  private InputStream pushWithOneClient(Socket push) throws IOException {
    int pushPort = push.bind("ws://127.0.0.1:0/").port();
    java.net.Socket client = new java.net.Socket(InetAddress.getLoopbackAddress(), pushPort);
    clients.add(client);
    client.setSoTimeout((int) WAIT.toMillis());
    client
        .getOutputStream()
        .write(goodRequest("/", "push.sp.nanomsg.org").getBytes(StandardCharsets.ISO_8859_1));
    InputStream in = client.getInputStream();
    assertThat(readHead(in)).startsWith("HTTP/1.1 101 ");
    push.send(new byte[] {7});
    assertThat(readFrame(in)).isEqualTo(new byte[] {(byte) 0x82, 7});
    return in;
  }

  @Test
  void serverLocalCloseIsAPlainTcpCloseByDefault() throws IOException {
    Socket push = Socket.open(Protocol.PUSH);
    push.set(Options.SEND_TIMEOUT, WAIT);
    InputStream in = pushWithOneClient(push);
    push.close();
    assertThat(in.read()).as("no Close frame, just the end of the stream").isEqualTo(-1);
  }

  @Test
  void serverCloseFrameOptionSaysGoodbyeWith1000() throws IOException {
    Socket push = Socket.open(Protocol.PUSH);
    push.set(Options.SEND_TIMEOUT, WAIT);
    push.set(Options.WS_SERVER_CLOSE_FRAME, true);
    InputStream in = pushWithOneClient(push);
    push.close();
    assertThat(readFrame(in))
        .as("unmasked Close 1000")
        .isEqualTo(new byte[] {(byte) 0x88, 0x03, (byte) 0xe8});
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void hundredConcurrentConnectionsAreServed() throws IOException {
    List<java.net.Socket> many = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      java.net.Socket client = connect();
      client
          .getOutputStream()
          .write(goodRequest("/app", "pull.sp.nanomsg.org").getBytes(StandardCharsets.ISO_8859_1));
      many.add(client);
    }
    for (int i = 0; i < 100; i++) {
      java.net.Socket client = many.get(i);
      assertThat(readHead(client.getInputStream())).startsWith("HTTP/1.1 101 ");
      client
          .getOutputStream()
          .write(frame(0x82, ("client " + i).getBytes(StandardCharsets.US_ASCII), true));
    }
    List<String> received = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      received.add(new String(server.receive(), StandardCharsets.US_ASCII));
    }
    assertThat(received)
        .hasSize(100)
        .doesNotHaveDuplicates()
        .allMatch(s -> s.startsWith("client "));
    assertServerStillServes();
  }

  /** A well-behaved sp4j client still gets through. */
  private void assertServerStillServes() {
    assertStillServes(server, port);
  }

  private static void assertStillServes(Socket pull, int port) {
    try (Socket push = Socket.open(Protocol.PUSH)) {
      push.set(Options.SEND_TIMEOUT, WAIT);
      push.connect("ws://127.0.0.1:" + port + "/app");
      push.send("still here".getBytes(StandardCharsets.US_ASCII));
      assertThat(pull.receiveAsync())
          .succeedsWithin(WAIT)
          .extracting(Message::body)
          .isEqualTo("still here".getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
