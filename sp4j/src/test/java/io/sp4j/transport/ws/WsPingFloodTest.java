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
 * WS-FR-18 under a flood: a peer that sends Pings as fast as it can and never reads gets its Pongs
 * only as fast as it reads. The server stops reading from it while its answers wait, and keeps only
 * the latest Ping, so what it holds for the peer stays within the send buffer.
 */
class WsPingFloodTest {
  private static final int SEND_BUFFER = 16 * 1024;

  /** Enough Pings that the server's answers outgrow its send buffer many times over. */
  private static final long FLOOD_CAP = 1024 * 1024;

  /** A bound on each phase for a loaded machine; no phase waits for it when all goes well. */
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static final byte[] PING = ping(new byte[] {1, 2, 3, 4});

  @Test
  void aPeerThatPingsAndNeverReadsIsOwedOnePongNotAQueueOfThem() throws Exception {
    FakeEndpointContext server =
        new FakeEndpointContext(Protocol.PAIR).with(Options.SEND_BUFFER, SEND_BUFFER);
    TransportEndpoint listener =
        new WsTransport().bind(SpAddress.parse("ws://127.0.0.1:0/flood"), server);
    try (SocketChannel client = SocketChannel.open();
        Selector selector = Selector.open()) {
      client.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
      client.setOption(
          StandardSocketOptions.SO_SNDBUF, 64 * 1024); // bounds what the server works through later
      client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.port()));
      upgrade(client);
      await().atMost(PATIENCE).until(() -> !server.attached.isEmpty());
      Channel channel = ((ChannelConnection) server.attached.get(0)).channel();
      client.configureBlocking(false);
      SelectionKey key = client.register(selector, SelectionKey.OP_WRITE);

      ByteBuffer pings = pings();
      long flooded = flood(client, selector, channel, pings);
      assertThat(flooded).as("bytes of Pings sent").isGreaterThan(100_000);
      long pending =
          onEventLoop(
              channel,
              () -> {
                ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
                return out == null ? 0 : out.totalPendingWriteBytes();
              });
      assertThat(pending)
          .as("Pong bytes the server holds for a peer that does not read")
          .isLessThanOrEqualTo(SEND_BUFFER + 64);
      assertThat(channel.isActive()).isTrue();

      assertThat(pongAfterDraining(client, selector, key, restOfLastPing(pings)))
          .as("the latest Ping is answered once the peer reads")
          .isTrue();
    } finally {
      listener.close();
    }
  }

  private static <T> T onEventLoop(Channel channel, java.util.concurrent.Callable<T> read)
      throws Exception {
    return channel.eventLoop().submit(read).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }

  private static void upgrade(SocketChannel client) throws IOException {
    client.write(ByteBuffer.wrap(WsUpgrade.request("/flood", "pair.sp.nanomsg.org")));
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    ByteBuffer one = ByteBuffer.allocate(1);
    for (int i = 0;
        i < 4096 && !response.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n");
        i++) {
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

  /**
   * Writes Pings until {@link #FLOOD_CAP} bytes went, or until no more fits in the kernel's buffers
   * (a write takes nothing) while the server does not read from this peer. A bound in bytes, not in
   * time: on a loaded machine it only takes longer. Returns the bytes written.
   */
  private static long flood(
      SocketChannel client, Selector selector, Channel server, ByteBuffer pings) throws Exception {
    long written = 0;
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (written < FLOOD_CAP) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + written + " bytes of Pings in " + PATIENCE);
      }
      if (!pings.hasRemaining()) {
        pings.rewind();
      }
      int n = client.write(pings);
      written += n;
      if (n == 0) {
        if (!onEventLoop(server, () -> server.config().isAutoRead())) {
          return written; // held off, and the buffers between are full
        }
        selector.select(50); // room again, or the server holds off
        selector.selectedKeys().clear();
      }
    }
    return written;
  }

  /** A burst of Pings with a 4-byte payload, to write again and again. */
  private static ByteBuffer pings() {
    ByteArrayOutputStream burst = new ByteArrayOutputStream();
    for (int i = 0; i < 1000; i++) {
      burst.writeBytes(PING);
    }
    return ByteBuffer.wrap(burst.toByteArray());
  }

  /**
   * What a write that stopped in the middle of a Ping left of it, so that the stream stays framed.
   */
  private static byte[] restOfLastPing(ByteBuffer pings) {
    int cut = pings.position() % PING.length;
    return cut == 0 ? new byte[0] : java.util.Arrays.copyOfRange(PING, cut, PING.length);
  }

  /**
   * Finishes the Ping the flood cut, pings "last" after it (on the same stream: the latest Ping the
   * server gets) and reads what the server sends until the Pong of "last" arrives.
   */
  private static boolean pongAfterDraining(
      SocketChannel client, Selector selector, SelectionKey key, byte[] rest) throws IOException {
    byte[] last = "last".getBytes(StandardCharsets.US_ASCII);
    byte[] wanted = {(byte) 0x8A, 4, last[0], last[1], last[2], last[3]};
    ByteBuffer lastPing = ByteBuffer.allocate(rest.length + 10).put(rest).put(ping(last)).flip();
    ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    byte[] tail = new byte[0];
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      if (lastPing.hasRemaining()) {
        client.write(lastPing); // whatever fits now; the rest once the server reads again
      }
      key.interestOps(SelectionKey.OP_READ | (lastPing.hasRemaining() ? SelectionKey.OP_WRITE : 0));
      selector.select(50);
      selector.selectedKeys().clear();
      in.clear();
      int n = client.read(in);
      if (n < 0) {
        return false;
      }
      byte[] seen = new byte[tail.length + n];
      System.arraycopy(tail, 0, seen, 0, tail.length);
      System.arraycopy(in.array(), 0, seen, tail.length, n);
      if (!lastPing.hasRemaining() && indexOf(seen, wanted) >= 0) {
        return true;
      }
      tail =
          java.util.Arrays.copyOfRange(seen, Math.max(0, seen.length - wanted.length), seen.length);
    }
    return false;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    return ByteBufUtil.indexOf(Unpooled.wrappedBuffer(needle), Unpooled.wrappedBuffer(haystack));
  }
}
