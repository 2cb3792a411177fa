package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sp4j.Endpoint;
import io.sp4j.Errno;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Refusal;
import io.sp4j.Socket;
import io.sp4j.core.ManualTimeSockets;
import io.sp4j.testing.ManualTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An sp4j dialer against a hand-written server: request bytes, refusals, timeouts, reconnects. */
class WsDialerRawTest {
  private static final int WAIT_MILLIS = 10_000;
  private ServerSocket listener;
  private Socket req;
  private final ManualTime time = new ManualTime();

  @BeforeEach
  void listen() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    listener.setSoTimeout(WAIT_MILLIS);
    req = Socket.open(Protocol.REQ);
    req.set(Options.RECONNECT_INTERVAL, Duration.ofMillis(50));
  }

  @AfterEach
  void close() throws IOException {
    req.close();
    listener.close();
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

  private java.net.Socket accept() throws IOException {
    java.net.Socket client = listener.accept();
    client.setSoTimeout(WAIT_MILLIS);
    return client;
  }

  private static String keyOf(String request) {
    Matcher m = Pattern.compile("\r\nSec-WebSocket-Key: (\\S+)\r\n").matcher(request);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void sendsTheExactRequestAndReconnectsAfterARefusal() throws IOException {
    req.connect("ws://127.0.0.1:" + listener.getLocalPort() + "/p:1?x=y#not-sent");
    String key;
    try (java.net.Socket first = accept()) {
      String request = readHead(first.getInputStream());
      key = keyOf(request);
      assertThat(key).hasSize(24);
      assertThat(request)
          .isEqualTo(
              "GET /p:1?x=y HTTP/1.1\r\n"
                  + "Host: 127.0.0.1:"
                  + listener.getLocalPort()
                  + "\r\n"
                  + "Upgrade: websocket\r\n"
                  + "Connection: Upgrade\r\n"
                  + "Sec-WebSocket-Key: "
                  + key
                  + "\r\n"
                  + "Sec-WebSocket-Version: 13\r\n"
                  + "Sec-WebSocket-Protocol: rep.sp.nanomsg.org\r\n"
                  + "\r\n");
      first
          .getOutputStream()
          .write(
              "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                  .getBytes(StandardCharsets.ISO_8859_1));
      assertThat(first.getInputStream().read())
          .as("the dialer gives up this connection")
          .isEqualTo(-1);
    }
    try (java.net.Socket second = accept()) {
      assertThat(keyOf(readHead(second.getInputStream())))
          .as("a fresh key per attempt")
          .isNotEqualTo(key);
    }
  }

  @Test
  void acceptedUpgradeCarriesMessagesAndAMaskedFrameFromTheServerIsClosedWith1002()
      throws IOException {
    req.connect("ws://127.0.0.1:" + listener.getLocalPort());
    try (java.net.Socket server = accept()) {
      InputStream in = server.getInputStream();
      OutputStream out = server.getOutputStream();
      String request = readHead(in);
      assertThat(request).startsWith("GET / HTTP/1.1\r\n");
      // 101 and a first frame in one write: the frame must be kept for the decoder.
      out.write(
          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: "
                  + Handshake.accept(keyOf(request))
                  + "\r\n"
                  + "Sec-WebSocket-Protocol: rep.sp.nanomsg.org\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.write(new byte[] {(byte) 0x89, 2, 'p', 'p'});
      byte[] pong = in.readNBytes(8);
      assertThat(pong[0] & 0xff).isEqualTo(0x8a);
      assertThat(pong[1] & 0xff).as("masked, 2 bytes").isEqualTo(0x82);
      assertThat(new byte[] {(byte) (pong[6] ^ pong[2]), (byte) (pong[7] ^ pong[3])})
          .isEqualTo(new byte[] {'p', 'p'});
      req.send("hello".getBytes(StandardCharsets.US_ASCII));
      byte[] head = in.readNBytes(6);
      assertThat(head[0] & 0xff).isEqualTo(0x82);
      assertThat(head[1] & 0xff).isEqualTo(0x80 | 9);
      byte[] payload = in.readNBytes(9);
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= head[2 + i % 4];
      }
      assertThat(payload[0] & 0x80).as("request id has its top bit set").isNotZero();
      assertThat(new String(payload, 4, 5, StandardCharsets.US_ASCII)).isEqualTo("hello");
      out.write(
          WsRawSocketTest.frame(
              0x82, new byte[] {1, 2, 3}, true)); // masked: not allowed to a client
      byte[] close = in.readNBytes(8);
      assertThat(close[0] & 0xff).isEqualTo(0x88);
      int code = (close[6] ^ close[2]) & 0xff;
      code = code << 8 | ((close[7] ^ close[3]) & 0xff);
      assertThat(code).isEqualTo(1002);
    }
  }

  @Test
  void localAddressBeforeTheSemicolonIsTheSourceOfTheConnection() throws IOException {
    req.connect("ws://127.0.0.2;127.0.0.1:" + listener.getLocalPort() + "/src");
    try (java.net.Socket server = accept()) {
      assertThat(server.getInetAddress().getHostAddress()).isEqualTo("127.0.0.2");
      assertThat(readHead(server.getInputStream()))
          .startsWith("GET /src HTTP/1.1\r\nHost: 127.0.0.1:" + listener.getLocalPort() + "\r\n");
    }
  }

  @Test
  void wssDialsFromItsLocalAddressToo() throws IOException {
    req.connect("wss://127.0.0.2;127.0.0.1:" + listener.getLocalPort() + "/src");
    try (java.net.Socket server = accept()) {
      assertThat(server.getInetAddress().getHostAddress()).isEqualTo("127.0.0.2");
      assertThat(server.getInputStream().read())
          .as("a TLS handshake record opens the connection")
          .isEqualTo(0x16);
    }
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "404 Not Found, ECONNREFUSED",
    "405 Method Not Allowed, ECONNREFUSED",
    "401 Unauthorized, EACCES",
    "403 Forbidden, EACCES",
    "400 Bad Request, EPROTO",
    "500 Internal Server Error, EPROTO"
  })
  void refusedUpgradeIsTheEndpointsLastFailure(String status, Errno errno) throws IOException {
    Endpoint endpoint = req.connect("ws://127.0.0.1:" + listener.getLocalPort() + "/p");
    assertThat(endpoint.lastConnectFailure()).isEmpty();
    try (java.net.Socket server = accept()) {
      readHead(server.getInputStream());
      server
          .getOutputStream()
          .write(
              ("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      await()
          .atMost(Duration.ofMillis(WAIT_MILLIS))
          .until(() -> endpoint.lastConnectFailure().isPresent());
      assertThat(endpoint.lastConnectFailure().get().errno()).isEqualTo(errno);
      assertThat(endpoint.lastConnectFailure().get().getMessage()).contains(status.substring(0, 3));
    }
  }

  @Test
  void refusedConnectIsEconnrefusedAndASuccessClearsIt() throws IOException {
    int port = listener.getLocalPort();
    listener.close();
    Endpoint endpoint = req.connect("ws://127.0.0.1:" + port + "/p");
    await()
        .atMost(Duration.ofMillis(WAIT_MILLIS))
        .until(() -> endpoint.lastConnectFailure().isPresent());
    assertThat(endpoint.lastConnectFailure().get().errno()).isEqualTo(Errno.ECONNREFUSED);
    try (Socket rep = Socket.open(Protocol.REP)) {
      rep.bind("ws://127.0.0.1:" + port + "/p");
      await()
          .atMost(Duration.ofMillis(WAIT_MILLIS))
          .until(() -> endpoint.lastConnectFailure().isEmpty());
    }
  }

  @Test
  void handshakeTimeoutIsConfigurableForTheDialer() throws IOException {
    try (Socket timed = ManualTimeSockets.open(Protocol.REQ, time)) {
      timed.set(Options.HANDSHAKE_TIMEOUT, Duration.ofMillis(300));
      Endpoint endpoint = timed.connect("ws://127.0.0.1:" + listener.getLocalPort() + "/slow");
      try (java.net.Socket first = accept()) {
        readHead(first.getInputStream());
        time.passTheDeadline(Duration.ofMillis(300));
        assertThat(first.getInputStream().read()).isEqualTo(-1);
      }
      await()
          .atMost(Duration.ofMillis(WAIT_MILLIS))
          .until(() -> endpoint.lastConnectFailure().isPresent());
      assertThat(endpoint.lastConnectFailure().get().errno()).isEqualTo(Errno.ETIMEDOUT);
    }
  }

  @Test
  void handshakeTimeoutIsConfigurableForTheListener() throws IOException {
    try (Socket rep = ManualTimeSockets.open(Protocol.REP, time)) {
      rep.set(Options.HANDSHAKE_TIMEOUT, Duration.ofMillis(300));
      Endpoint bound = rep.bind("ws://127.0.0.1:0/");
      try (java.net.Socket silent =
          new java.net.Socket(InetAddress.getLoopbackAddress(), bound.port())) {
        silent.setSoTimeout(WAIT_MILLIS);
        time.passTheDeadline(Duration.ofMillis(300));
        assertThat(silent.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
      }
      assertThat(rep.refusals()).containsEntry(Refusal.HANDSHAKE_TIMEOUT, 1L);
    }
  }

  /** Answers a dialer's upgrade request with 101; returns the stream its frames come on. */
  private static InputStream upgrade(java.net.Socket server) throws IOException {
    InputStream in = server.getInputStream();
    String request = readHead(in);
    server
        .getOutputStream()
        .write(
            ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: "
                    + Handshake.accept(keyOf(request))
                    + "\r\n"
                    + "Sec-WebSocket-Protocol: rep.sp.nanomsg.org\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    return in;
  }

  /** Reads one masked client frame of under 126 bytes and returns its unmasked payload. */
  private static byte[] readMaskedFrame(InputStream in) throws IOException {
    byte[] head = in.readNBytes(6);
    assertThat(head).hasSize(6);
    assertThat(head[0] & 0xff).isEqualTo(0x82);
    assertThat(head[1] & 0x80).as("masked").isNotZero();
    byte[] payload = in.readNBytes(head[1] & 0x7f);
    for (int i = 0; i < payload.length; i++) {
      payload[i] ^= head[2 + i % 4];
    }
    return payload;
  }

  @Test
  void outstandingRequestIsResentWithTheSameIdAfterTheConnectionDrops() throws IOException {
    req.connect("ws://127.0.0.1:" + listener.getLocalPort() + "/rc");
    byte[] first;
    try (java.net.Socket server = accept()) {
      InputStream in = upgrade(server);
      req.send("again".getBytes(StandardCharsets.US_ASCII));
      first = readMaskedFrame(in);
      assertThat(first).hasSize(9);
      assertThat(first[0] & 0x80).as("request id has its top bit set").isNotZero();
    } // dropped without a Close frame
    try (java.net.Socket server = accept()) {
      InputStream in = upgrade(server);
      assertThat(readMaskedFrame(in)).as("same id, same body").isEqualTo(first);
    }
  }

  @Test
  void silentServerIsGivenUpAfterTheHandshakeTimeoutAndDialedAgain() throws IOException {
    try (Socket timed = ManualTimeSockets.open(Protocol.REQ, time)) {
      timed.connect("ws://127.0.0.1:" + listener.getLocalPort() + "/slow");
      try (java.net.Socket first = accept()) {
        readHead(first.getInputStream());
        time.passTheDeadline(Options.HANDSHAKE_TIMEOUT.defaultValue());
        assertThat(first.getInputStream().read()).isEqualTo(-1);
      }
      time.passTheDeadline(Options.RECONNECT_INTERVAL.defaultValue());
      try (java.net.Socket second = accept()) {
        assertThat(readHead(second.getInputStream())).startsWith("GET /slow HTTP/1.1\r\n");
      }
    }
  }

  @Test
  void localCloseSaysGoodbyeWithClose1000() throws IOException {
    try (java.net.Socket server = upgradedServerAfterLocalClose(req)) {
      InputStream in = server.getInputStream();
      server.getOutputStream().write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xe8});
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void localCloseWithoutAnEchoWaitsASecondForItThenClosesTcp() throws IOException {
    try (java.net.Socket server =
        upgradedServerAfterLocalClose(ManualTimeSockets.open(Protocol.REQ, time))) {
      time.passTheDeadline(Duration.ofSeconds(1));
      assertThat(server.getInputStream().read())
          .as("TCP closed, within the read timeout")
          .isEqualTo(-1);
    }
  }

  /**
   * A server that upgraded {@code req}, got one message, and has read the Close 1000 of
   * req.close().
   */
  private java.net.Socket upgradedServerAfterLocalClose(Socket req) throws IOException {
    req.connect("ws://127.0.0.1:" + listener.getLocalPort());
    java.net.Socket server = accept();
    InputStream in = server.getInputStream();
    String request = readHead(in);
    server
        .getOutputStream()
        .write(
            ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: "
                    + Handshake.accept(keyOf(request))
                    + "\r\n"
                    + "Sec-WebSocket-Protocol: rep.sp.nanomsg.org\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    // A message proves the pipe is up before the close.
    req.send("x".getBytes(StandardCharsets.US_ASCII));
    assertThat(in.readNBytes(6 + 5)).hasSize(11);
    req.close();
    byte[] close = in.readNBytes(8);
    assertThat(close[0] & 0xff).isEqualTo(0x88);
    assertThat(close[1] & 0xff).isEqualTo(0x82);
    assertThat(new byte[] {(byte) (close[6] ^ close[2]), (byte) (close[7] ^ close[3])})
        .isEqualTo(new byte[] {0x03, (byte) 0xe8});
    return server;
  }
}
