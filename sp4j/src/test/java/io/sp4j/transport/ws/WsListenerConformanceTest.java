package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sp4j.Message;
import io.sp4j.MessageType;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.core.ManualTimeSockets;
import io.sp4j.testing.ManualTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checklist lines about an sp4j ws:// listener that {@link WsRawSocketTest} leaves open, spoken to
 * with plain TCP sockets: the Host header plays no part in routing (WS-SV-21), PAIR v1 is refused
 * (SP-PAIR-2), every valid Close code is echoed and every invalid one is 1002 (WS-CL-1, WS-CL-3), a
 * character split across fragments is valid text (WS-FR-16), no Ping of its own (WS-FR-20).
 */
class WsListenerConformanceTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int QUIET_MILLIS = 1_500;
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  private final List<Socket> sockets = new ArrayList<>();
  private final List<java.net.Socket> clients = new ArrayList<>();

  @AfterEach
  void closeAll() throws IOException {
    for (java.net.Socket client : clients) {
      client.close();
    }
    sockets.forEach(Socket::close);
  }

  private Socket open(Protocol protocol) {
    Socket socket = Socket.open(protocol);
    socket.set(Options.RECEIVE_TIMEOUT, WAIT);
    socket.set(Options.SEND_TIMEOUT, WAIT);
    sockets.add(socket);
    return socket;
  }

  private java.net.Socket connect(int port) throws IOException {
    java.net.Socket client = new java.net.Socket();
    clients.add(client);
    client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
    client.setSoTimeout((int) WAIT.toMillis());
    return client;
  }

  private static String request(String target, String host, String protocol) {
    return "GET "
        + target
        + " HTTP/1.1\r\nHost: "
        + host
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: "
        + KEY
        + "\r\nSec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Protocol: "
        + protocol
        + "\r\n\r\n";
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

  /** A PULL listener bound to {@code url}, a raw client upgraded to it; returns its input. */
  private InputStream upgradedPull(Socket pull, String url) throws IOException {
    java.net.Socket client = connect(pull.bind(url).port());
    client
        .getOutputStream()
        .write(
            request("/", "127.0.0.1", "pull.sp.nanomsg.org").getBytes(StandardCharsets.ISO_8859_1));
    InputStream in = client.getInputStream();
    assertThat(readHead(in)).startsWith("HTTP/1.1 101 ");
    return in;
  }

  private static byte[] masked(int firstByte, byte[] payload) {
    return WsRawSocketTest.frame(firstByte, payload, true);
  }

  // ---- WS-SV-21 ----------------------------------------------------------------------------

  @ParameterizedTest(name = "listener {0}, Host: {1}")
  @CsvSource({
    "ws://127.0.0.1:0/app, service.example.invalid",
    "ws://127.0.0.1:0/app, service.example.invalid:8080",
    "ws://127.0.0.1:0/app, [::1]:1",
    "ws://127.0.0.1:0, localhost",
    "ws://*:0/app, 10.255.255.1:9"
  })
  void hostHeaderIsNotUsedForRouting(String url, String host) throws IOException {
    Socket pull = open(Protocol.PULL);
    java.net.Socket client = connect(pull.bind(url).port());
    client
        .getOutputStream()
        .write(request("/app", host, "pull.sp.nanomsg.org").getBytes(StandardCharsets.ISO_8859_1));
    assertThat(readHead(client.getInputStream()))
        .startsWith("HTTP/1.1 101 Switching Protocols\r\n");
    client.getOutputStream().write(masked(0x82, "routed".getBytes(StandardCharsets.US_ASCII)));
    assertThat(pull.receive()).isEqualTo("routed".getBytes(StandardCharsets.US_ASCII));
  }

  // ---- SP-PAIR-2 ---------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"pair1.sp.nanomsg.org", "PAIR1.SP.NANOMSG.ORG", "pair1.sp.nanomsg.org, x.example"})
  void pairV0ListenerRefusesPairV1(String protocol) throws IOException {
    Socket pair = open(Protocol.PAIR);
    java.net.Socket client = connect(pair.bind("ws://127.0.0.1:0/p").port());
    client
        .getOutputStream()
        .write(request("/p", "127.0.0.1", protocol).getBytes(StandardCharsets.ISO_8859_1));
    InputStream in = client.getInputStream();
    assertThat(readHead(in)).startsWith("HTTP/1.1 400 ");
    assertThat(in.read()).as("closed after the 400").isEqualTo(-1);
    // The refused connection never became the PAIR's one peer: a v0 peer still links.
    try (Socket v0 = Socket.open(Protocol.PAIR)) {
      v0.set(Options.SEND_TIMEOUT, WAIT);
      v0.connect("ws://127.0.0.1:" + client.getPort() + "/p");
      v0.send("v0".getBytes(StandardCharsets.US_ASCII));
      assertThat(pair.receive()).isEqualTo("v0".getBytes(StandardCharsets.US_ASCII));
    }
  }

  // ---- WS-CL-1, WS-CL-3 --------------------------------------------------------------------

  @ParameterizedTest(name = "Close {0} -> {1}")
  @CsvSource({
    "1000, 1000",
    "1001, 1001",
    "1002, 1002",
    "1003, 1003",
    "1007, 1007",
    "1008, 1008",
    "1009, 1009",
    "1010, 1010",
    "1011, 1011",
    "3000, 3000",
    "4999, 4999",
    "0, 1002",
    "999, 1002",
    "1004, 1002",
    "1005, 1002",
    "1006, 1002",
    "1012, 1002",
    "1015, 1002",
    "2999, 1002",
    "5000, 1002",
    "65535, 1002"
  })
  void closeCodeIsEchoedWhenValidElse1002(int sent, int expected) throws IOException {
    Socket pull = open(Protocol.PULL);
    InputStream in = upgradedPull(pull, "ws://127.0.0.1:0");
    clients
        .get(clients.size() - 1)
        .getOutputStream()
        .write(
            masked(
                0x88, new byte[] {(byte) (sent >> 8), (byte) sent, 'r', 'e', 'a', 's', 'o', 'n'}));
    byte[] head = in.readNBytes(2);
    assertThat(head[0] & 0xff).isEqualTo(0x88);
    byte[] payload = in.readNBytes(head[1] & 0x7f);
    assertThat((payload[0] & 0xff) << 8 | (payload[1] & 0xff)).isEqualTo(expected);
    if (sent == expected) {
      assertThat(payload).as("an echo carries no reason").hasSize(2);
    }
    assertThat(in.read()).as("TCP closed after the Close").isEqualTo(-1);
  }

  // ---- WS-FR-16 ----------------------------------------------------------------------------

  @Test
  void textWhoseCharactersAreSplitAcrossFragmentsIsValid() throws IOException {
    Socket pull = open(Protocol.PULL);
    upgradedPull(pull, "ws://127.0.0.1:0");
    byte[] euro = "€𝄞".getBytes(StandardCharsets.UTF_8); // e2 82 ac, f0 9d 84 9e
    java.net.Socket client = clients.get(clients.size() - 1);
    ByteArrayOutputStream frames = new ByteArrayOutputStream();
    frames.writeBytes(masked(0x01, new byte[] {euro[0]}));
    frames.writeBytes(masked(0x00, new byte[] {euro[1], euro[2], euro[3], euro[4]}));
    frames.writeBytes(masked(0x00, new byte[] {euro[5]}));
    frames.writeBytes(masked(0x80, new byte[] {euro[6]}));
    client.getOutputStream().write(frames.toByteArray());
    Message message = pull.receiveMessage();
    assertThat(message.body()).isEqualTo(euro);
    assertThat(message.type()).contains(MessageType.TEXT);
  }

  // ---- WS-FR-20 ----------------------------------------------------------------------------

  @Test
  void aQuietConnectionGetsNoPingFromTheListener() throws IOException {
    Socket pull = open(Protocol.PULL);
    upgradedPull(pull, "ws://127.0.0.1:0");
    java.net.Socket client = clients.get(clients.size() - 1);
    client.setSoTimeout(QUIET_MILLIS);
    assertThatThrownBy(() -> client.getInputStream().read())
        .as("no Ping (nor anything else) on a quiet connection")
        .isInstanceOf(SocketTimeoutException.class);
  }

  /** Every refused upgrade is counted on the socket: the one its path reached, else the port's. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a wrong sub-protocol|GET /counted HTTP/1.1\\r\\nHost: h\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\nSec-WebSocket-Version: 13\\r\\nSec-WebSocket-Protocol: req.sp.nanomsg.org\\r\\n\\r\\n|HTTP/1.1 400",
        "a path nobody serves|GET /elsewhere HTTP/1.1\\r\\nHost: h\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\nSec-WebSocket-Version: 13\\r\\nSec-WebSocket-Protocol: rep.sp.nanomsg.org\\r\\n\\r\\n|HTTP/1.1 404",
        "a malformed request|GARBAGE\\r\\n\\r\\n|HTTP/1.1 400"
      })
  void aRefusedUpgradeIsCounted(String what, String request, String status) throws IOException {
    Socket rep = open(Protocol.REP);
    int port = rep.bind("ws://127.0.0.1:0/counted").port();
    java.net.Socket client = connect(port);
    client
        .getOutputStream()
        .write(request.replace("\\r\\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    assertThat(readHead(client.getInputStream())).startsWith(status);
    assertThat(rep.refusals()).containsEntry(io.sp4j.Refusal.HANDSHAKE_INVALID, 1L);
  }

  @Test
  void anUpgradeNotFinishedInTimeIsCounted() throws IOException {
    ManualTime time = new ManualTime();
    Socket rep = ManualTimeSockets.open(Protocol.REP, time);
    sockets.add(rep);
    rep.set(Options.HANDSHAKE_TIMEOUT, Duration.ofMillis(200));
    int port = rep.bind("ws://127.0.0.1:0/slow").port();
    java.net.Socket client = connect(port);
    client.getOutputStream().write("GET /slow HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
    time.passTheDeadline(Duration.ofMillis(200));
    assertThat(client.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
    assertThat(rep.refusals()).containsEntry(io.sp4j.Refusal.HANDSHAKE_TIMEOUT, 1L);
  }
}
