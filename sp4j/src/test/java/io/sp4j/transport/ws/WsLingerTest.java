package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.core.ManualTimeSockets;
import io.sp4j.testing.ManualTime;
import io.sp4j.testing.WsUpgrade;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LINGER on ws connections: {@code close()} waits (up to {@link Options#LINGER}) until what was
 * queued is written, so a burst sent just before it reaches a peer that reads late; and it never
 * waits longer than that for a peer that does not read at all. The sending socket runs on a clock
 * the test moves, with a LINGER far beyond the test's real time: only the socket's own deadline, or
 * the writes done, can end its close.
 */
class WsLingerTest {
  private static final int WAIT_MILLIS = 10_000;
  private static final Duration WAIT = Duration.ofMillis(WAIT_MILLIS);
  private static final Duration LONG = Duration.ofHours(1);
  private static final int BIG = 2 * 1024 * 1024;
  private static final int SMALL_MESSAGES = 20;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final ManualTime time = new ManualTime();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }

  /** A PUSH socket whose kernel send buffer is small, so a big message waits in user space. */
  private Socket push(Duration linger) {
    Socket push = ManualTimeSockets.open(Protocol.PUSH, time);
    resources.add(push);
    push.set(Options.SEND_BUFFER, 16 * 1024);
    push.set(Options.LINGER, linger);
    return push;
  }

  /** A raw peer upgraded to WebSocket with a small receive buffer, as PULL. */
  private record Peer(java.net.Socket socket, InputStream in, boolean masked) {}

  private Peer connectTo(Socket push) throws IOException {
    int port = push.bind("ws://127.0.0.1:0/").port();
    java.net.Socket client = new java.net.Socket();
    resources.add(client);
    client.setReceiveBufferSize(8 * 1024);
    client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), WAIT_MILLIS);
    client.setSoTimeout(WAIT_MILLIS);
    client.getOutputStream().write(WsUpgrade.request("/", "push.sp.nanomsg.org"));
    assertThat(readHead(client.getInputStream())).startsWith("HTTP/1.1 101 ");
    return new Peer(client, client.getInputStream(), false);
  }

  private Peer acceptFrom(Socket push) throws IOException {
    ServerSocket listener = new ServerSocket();
    resources.add(listener);
    listener.setReceiveBufferSize(8 * 1024);
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    listener.setSoTimeout(WAIT_MILLIS);
    push.connect("ws://127.0.0.1:" + listener.getLocalPort() + "/");
    java.net.Socket server = listener.accept();
    resources.add(server);
    server.setSoTimeout(WAIT_MILLIS);
    String request = readHead(server.getInputStream());
    Matcher key = Pattern.compile("\r\nSec-WebSocket-Key: (\\S+)\r\n").matcher(request);
    assertThat(key.find()).isTrue();
    server
        .getOutputStream()
        .write(
            ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: "
                    + Handshake.accept(key.group(1))
                    + "\r\n"
                    + "Sec-WebSocket-Protocol: pull.sp.nanomsg.org\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    return new Peer(server, server.getInputStream(), true);
  }

  private Peer peer(Socket push, boolean sp4jListens) throws IOException {
    Peer peer = sp4jListens ? connectTo(push) : acceptFrom(push);
    push.send(new byte[] {42}); // the pipe is up once this arrives
    assertThat(readMessage(peer)).containsExactly(42);
    return peer;
  }

  /** Small messages and one of 2 MiB, all taken at once; most of it cannot reach the kernel yet. */
  private static void burst(Socket push) {
    for (int i = 0; i < SMALL_MESSAGES; i++) {
      push.send(("message " + i).getBytes(StandardCharsets.US_ASCII));
    }
    byte[] big = new byte[BIG];
    big[0] = 1;
    big[BIG - 1] = 2;
    push.send(big);
  }

  /**
   * Closes the socket on another thread, once it waits for its connection with both deadlines set:
   * the socket's wait and the connection's own flush deadline.
   */
  private CompletableFuture<Void> closeLingering(Socket push) {
    CompletableFuture<Void> closing = CompletableFuture.runAsync(push::close);
    await().atMost(WAIT).until(() -> time.dueIn().equals(List.of(LONG, LONG)));
    return closing;
  }

  @ParameterizedTest(name = "sp4j listens: {0}")
  @ValueSource(booleans = {true, false})
  void burstSentRightBeforeCloseReachesAPeerThatReadsLate(boolean sp4jListens) throws Exception {
    Socket push = push(LONG);
    Peer peer = peer(push, sp4jListens);
    burst(push);
    // Nothing is read yet: close() lingers (a dialer's old one-second goodbye would have cut it
    // off).
    CompletableFuture<Void> closing = closeLingering(push);
    for (int i = 0; i < SMALL_MESSAGES; i++) {
      assertThat(new String(readMessage(peer), StandardCharsets.US_ASCII))
          .isEqualTo("message " + i);
    }
    byte[] big = readMessage(peer);
    assertThat(big).hasSize(BIG);
    assertThat(big[0]).isEqualTo((byte) 1);
    assertThat(big[BIG - 1]).isEqualTo((byte) 2);
    // All written: close() returns, its clock never moved, both deadlines cancelled; a dialer
    // then waits a second for the echo of its Close (WS-CL-5).
    assertThat(closing).succeedsWithin(WAIT);
    List<Duration> echoWait = sp4jListens ? List.of() : List.of(Duration.ofSeconds(1));
    await().atMost(WAIT).untilAsserted(() -> assertThat(time.dueIn()).isEqualTo(echoWait));
  }

  @ParameterizedTest(name = "sp4j listens: {0}")
  @ValueSource(booleans = {true, false})
  void closeWaitsForAPeerThatNeverReadsUntilLingerHasPassedAndNoLonger(boolean sp4jListens)
      throws Exception {
    Socket push = push(LONG);
    peer(push, sp4jListens);
    burst(push);
    CompletableFuture<Void> closing = closeLingering(push);

    time.advance(LONG.minusNanos(1));
    assertThat(time.dueIn())
        .as("the deadlines not yet reached")
        .containsExactly(Duration.ofNanos(1), Duration.ofNanos(1));
    time.advance(Duration.ofNanos(1));

    assertThat(closing).succeedsWithin(WAIT);
  }

  @Test
  void lingerZeroClosesAtOnce() throws Exception {
    Socket push = push(Duration.ZERO);
    peer(push, true);
    burst(push);
    assertThat(CompletableFuture.runAsync(push::close)).succeedsWithin(WAIT);
    assertThat(time.pending()).as("no deadline to wait for").isZero();
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

  /** Reads data frames up to the final one and returns the message (its SP header included). */
  private static byte[] readMessage(Peer peer) throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    for (int frames = 0; frames < 1000; frames++) {
      byte[] head = readExactly(peer.in(), 2);
      assertThat(head[1] & 0x80).as("masked").isEqualTo(peer.masked() ? 0x80 : 0);
      assertThat(head[0] & 0x0f).as("a data frame").isLessThan(8);
      long length = head[1] & 0x7f;
      if (length == 126) {
        byte[] l = readExactly(peer.in(), 2);
        length = ((long) (l[0] & 0xff) << 8) | (l[1] & 0xff);
      } else if (length == 127) {
        length = 0;
        for (byte b : readExactly(peer.in(), 8)) {
          length = length << 8 | (b & 0xff);
        }
      }
      byte[] mask = peer.masked() ? readExactly(peer.in(), 4) : null;
      byte[] payload = readExactly(peer.in(), (int) length);
      for (int i = 0; mask != null && i < payload.length; i++) {
        payload[i] ^= mask[i % 4];
      }
      message.writeBytes(payload);
      if ((head[0] & 0x80) != 0) {
        return message.toByteArray();
      }
    }
    throw new AssertionError("no final frame");
  }

  private static byte[] readExactly(InputStream in, int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    assertThat(bytes).as("bytes before the end of the stream").hasSize(n);
    return bytes;
  }
}
