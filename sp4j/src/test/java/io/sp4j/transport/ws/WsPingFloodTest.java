package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.core.FakeEndpointContext;
import io.sp4j.spi.SpAddress;
import io.sp4j.spi.TransportEndpoint;
import io.sp4j.testing.WsUpgrade;
import io.sp4j.transport.netty.ChannelConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * WS-FR-18 under a flood: a peer that sends Pings as fast as it can and never reads gets its
 * Pongs only as fast as it reads. The server stops reading from it while its answers wait, and
 * keeps only the latest Ping, so what it holds for the peer stays within the send buffer.
 */
class WsPingFloodTest {
  private static final int SEND_BUFFER = 16 * 1024;
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void aPeerThatPingsAndNeverReadsIsOwedOnePongNotAQueueOfThem() throws Exception {
    FakeEndpointContext server = new FakeEndpointContext(Protocol.PAIR).with(Options.SEND_BUFFER, SEND_BUFFER);
    TransportEndpoint listener = new WsTransport().bind(SpAddress.parse("ws://127.0.0.1:0/flood"), server);
    try (SocketChannel client = SocketChannel.open(); Selector selector = Selector.open()) {
      client.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
      client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.port()));
      upgrade(client);
      await().atMost(WAIT).until(() -> !server.attached.isEmpty());
      Channel channel = ((ChannelConnection) server.attached.get(0)).channel();
      client.configureBlocking(false);
      SelectionKey key = client.register(selector, SelectionKey.OP_WRITE);

      long flooded = flood(client, selector, 4 * 1024 * 1024, Duration.ofSeconds(3));
      assertThat(flooded).as("bytes of Pings sent").isGreaterThan(100_000);
      long pending = channel.eventLoop().submit(() -> {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return out == null ? 0 : out.totalPendingWriteBytes();
      }).get(10, TimeUnit.SECONDS);
      assertThat(pending).as("Pong bytes the server holds for a peer that does not read")
          .isLessThanOrEqualTo(SEND_BUFFER + 64);
      assertThat(channel.isActive()).isTrue();

      key.interestOps(SelectionKey.OP_READ);
      assertThat(pongAfterDraining(client, selector)).as("the latest Ping is answered once the peer reads").isTrue();
    } finally {
      listener.close();
    }
  }

  private static void upgrade(SocketChannel client) throws IOException {
    client.write(ByteBuffer.wrap(WsUpgrade.request("/flood", "pair.sp.nanomsg.org")));
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    ByteBuffer one = ByteBuffer.allocate(1);
    for (int i = 0; i < 4096 && !response.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n"); i++) {
      one.clear();
      if (client.read(one) < 0) {
        break;
      }
      response.write(one.array()[0]);
    }
    assertThat(response.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 101 ");
  }

  /** A masked Ping with {@code payload} (mask key 0). */
  private static byte[] ping(byte[] payload) {
    byte[] frame = new byte[6 + payload.length];
    frame[0] = (byte) 0x89;
    frame[1] = (byte) (0x80 | payload.length);
    System.arraycopy(payload, 0, frame, 6, payload.length);
    return frame;
  }

  /** Writes Pings until {@code max} bytes went or {@code limit} passed; returns the bytes written. */
  private static long flood(SocketChannel client, Selector selector, long max, Duration limit) throws IOException {
    ByteArrayOutputStream burst = new ByteArrayOutputStream();
    for (int i = 0; i < 1000; i++) {
      burst.writeBytes(ping(new byte[] {1, 2, 3, 4}));
    }
    ByteBuffer pings = ByteBuffer.wrap(burst.toByteArray());
    long written = 0;
    long deadline = System.nanoTime() + limit.toNanos();
    while (written < max && System.nanoTime() < deadline) {
      if (!pings.hasRemaining()) {
        pings.rewind();
      }
      int n = client.write(pings);
      written += n;
      if (n == 0) {
        selector.select(50); // room again, or a pause while the server holds off
        selector.selectedKeys().clear();
      }
    }
    return written;
  }

  /**
   * Reads what the server sends while it works through the Pings it had, then pings "last" and
   * reads until its Pong arrives.
   */
  private static boolean pongAfterDraining(SocketChannel client, Selector selector) throws IOException {
    byte[] last = "last".getBytes(StandardCharsets.US_ASCII);
    byte[] wanted = {(byte) 0x8A, 4, last[0], last[1], last[2], last[3]};
    ByteBuffer lastPing = ByteBuffer.wrap(ping(last));
    ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    byte[] tail = new byte[0];
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      selector.select(50);
      selector.selectedKeys().clear();
      in.clear();
      int n = client.read(in);
      if (n < 0) {
        return false;
      }
      if (n == 0 && lastPing.hasRemaining()) {
        client.write(lastPing); // the backlog is drained: now the final Ping
        continue;
      }
      byte[] seen = new byte[tail.length + n];
      System.arraycopy(tail, 0, seen, 0, tail.length);
      System.arraycopy(in.array(), 0, seen, tail.length, n);
      if (!lastPing.hasRemaining() && indexOf(seen, wanted) >= 0) {
        return true;
      }
      tail = java.util.Arrays.copyOfRange(seen, Math.max(0, seen.length - wanted.length), seen.length);
    }
    return false;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    return ByteBufUtil.indexOf(Unpooled.wrappedBuffer(needle), Unpooled.wrappedBuffer(haystack));
  }
}
