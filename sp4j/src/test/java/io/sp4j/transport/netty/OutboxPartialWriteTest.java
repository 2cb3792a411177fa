package io.sp4j.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sp4j.Message;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.core.FakeEndpointContext;
import io.sp4j.spi.SpAddress;
import io.sp4j.spi.TransportEndpoint;
import io.sp4j.transport.ipc.IpcTransport;
import io.sp4j.transport.tcp.TcpTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A peer that does not read makes the socket take only part of a flush: the outbox counts the
 * partial write, keeps what follows while Netty holds more than the send buffer, and once the peer
 * reads, every byte arrives, in order, over tcp and ipc.
 */
class OutboxPartialWriteTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int SEND_BUFFER = 16 * 1024;

  /** Gathered, alone in one buffer, and wrapped without a copy (over 64 KiB). */
  private static final int[] SIZES = {100, 5000, 70_000, 1, 9000, 0, 300_000};

  private static final int MESSAGES = 50;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tcp", "ipc"})
  void aPeerThatStopsReadingCausesPartialWritesAndLosesNoByte(String scheme) throws Exception {
    boolean ipc = scheme.equals("ipc");
    FakeEndpointContext context =
        new FakeEndpointContext(Protocol.PAIR).with(Options.SEND_BUFFER, SEND_BUFFER);
    Path file = dir.resolve("partial.sock");
    TransportEndpoint listener =
        ipc
            ? new IpcTransport().bind(SpAddress.parse("ipc://" + file), context)
            : new TcpTransport().bind(SpAddress.parse("tcp://127.0.0.1:0"), context);
    SocketAddress address =
        ipc
            ? UnixDomainSocketAddress.of(file)
            : new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.port());
    try (SocketChannel peer =
        SocketChannel.open(ipc ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET)) {
      if (!ipc) {
        peer.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
      }
      peer.connect(address);
      writeFully(peer, new byte[] {0, 'S', 'P', 0, 0, 16, 0, 0}); // PAIR
      readFully(peer, 8); // sp4j's greeting
      await().atMost(WAIT).until(() -> !context.attached.isEmpty());
      ChannelConnection connection = (ChannelConnection) context.attached.get(0);

      // The peer reads nothing: write until the connection refuses more.
      int next = 0;
      for (; next < MESSAGES && connection.isWritable(); next++) {
        connection.write(Message.of(numbered(next)));
      }
      await().atMost(WAIT).until(() -> connection.outbox().partialWrites() > 0);
      assertThat(next).as("messages written before the peer's buffers filled").isLessThan(MESSAGES);
      // Netty holds more than the send buffer: what comes now waits in the outbox.
      assertThat(connection.channel().isWritable())
          .as("the channel over its high-water mark")
          .isFalse();
      long added = 0;
      for (int i = 0; i < SIZES.length && added == 0; i++) {
        byte[] body = numbered(next++);
        added += body.length;
        connection.write(Message.of(body));
      }
      long held =
          connection
              .channel()
              .eventLoop()
              .submit(() -> connection.outbox().queuedBytes())
              .get(WAIT.toSeconds(), TimeUnit.SECONDS); // runs after the drain the write scheduled
      assertThat(held).as("bytes kept in the outbox behind the unwritten rest").isEqualTo(added);

      CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> readAll(peer, ipc));
      for (int i = 0; next < MESSAGES && i < 100 * MESSAGES; i++) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(connection::isWritable);
        connection.write(Message.of(numbered(next++)));
      }
      assertThat(received.get(WAIT.toSeconds(), TimeUnit.SECONDS))
          .as("messages received whole and in order")
          .isEqualTo(MESSAGES);
      assertThat(connection.outbox().partialWrites()).isPositive();
      assertThat(
              connection
                  .channel()
                  .eventLoop()
                  .submit(() -> connection.outbox().queuedBytes())
                  .get(WAIT.toSeconds(), TimeUnit.SECONDS))
          .as("bytes queued once all arrived")
          .isZero();
    } finally {
      listener.close();
    }
  }

  /** Message {@code index}: its size from {@link #SIZES}, every byte saying which message it is. */
  private static byte[] numbered(int index) {
    byte[] body = new byte[SIZES[index % SIZES.length]];
    for (int j = 0; j < body.length; j++) {
      body[j] = (byte) (index * 31 + j * 7 + (j >>> 8));
    }
    return body;
  }

  /**
   * Reads {@link #MESSAGES} frames and checks each against {@link #numbered}; returns how many
   * matched.
   */
  private static Integer readAll(SocketChannel peer, boolean typed) {
    try {
      for (int i = 0; i < MESSAGES; i++) {
        ByteBuffer prefix = readFully(peer, typed ? 9 : 8);
        if (typed && prefix.get() != 1) {
          return i;
        }
        long length = prefix.getLong();
        byte[] expected = numbered(i);
        if (length != expected.length
            || !ByteBuffer.wrap(expected).equals(readFully(peer, expected.length))) {
          return i;
        }
      }
      return MESSAGES;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeFully(SocketChannel peer, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    for (int i = 0; i < 1000 && buffer.hasRemaining(); i++) {
      peer.write(buffer);
    }
  }

  /** Blocking reads of exactly {@code n} bytes (the test's timeouts bound the wait). */
  private static ByteBuffer readFully(SocketChannel peer, int n) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(n);
    while (buffer.hasRemaining()) {
      if (peer.read(buffer) < 0) {
        throw new IOException("closed after " + buffer.position() + " of " + n + " bytes");
      }
    }
    return buffer.flip();
  }
}
