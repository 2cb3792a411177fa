package io.sp4j.transport.stream;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;

/**
 * A test's hand-driven end of a {@code tcp://} or {@code ipc://} connection: writes any bytes,
 * reads with a deadline, and tells whether the other side closed. Works for TCP and Unix domain
 * sockets alike.
 */
public final class RawPeer implements AutoCloseable {
  private final SocketChannel channel;
  private final Selector selector;

  private RawPeer(SocketChannel channel) throws IOException {
    this.channel = channel;
    channel.configureBlocking(false);
    this.selector = Selector.open();
    channel.register(selector, SelectionKey.OP_READ);
  }

  public static RawPeer connect(SocketAddress address) throws IOException {
    SocketChannel channel = SocketChannel.open(address);
    return new RawPeer(channel);
  }

  static RawPeer of(SocketChannel accepted) throws IOException {
    return new RawPeer(accepted);
  }

  /** The SP greeting of {@code protocol} (its 16-bit number), as both ends send it first. */
  public static byte[] greeting(int protocol) {
    return new byte[] {0, 'S', 'P', 0, (byte) (protocol >> 8), (byte) protocol, 0, 0};
  }

  /** Where the other side's bytes come from, as the kernel saw the connection arrive. */
  public SocketAddress remoteAddress() throws IOException {
    return channel.getRemoteAddress();
  }

  public void write(byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    for (int i = 0; i < 10_000 && buffer.hasRemaining(); i++) {
      channel.write(buffer);
    }
    if (buffer.hasRemaining()) {
      throw new IOException("could not write " + bytes.length + " bytes");
    }
  }

  /** Reads exactly {@code n} bytes, or fewer if the peer closes or the time runs out. */
  public byte[] read(int n, Duration patience) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(n);
    long deadline = System.nanoTime() + patience.toNanos();
    while (buffer.hasRemaining()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      selector.select(Math.max(1, left / 1_000_000));
      selector.selectedKeys().clear();
      if (channel.read(buffer) < 0) {
        break;
      }
    }
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  /**
   * Waits for the other side to close, discarding what it sends.
   *
   * @return whether it closed within {@code patience}
   */
  public boolean closedWithin(Duration patience) throws IOException {
    ByteBuffer sink = ByteBuffer.allocate(65536);
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      selector.select(Math.max(1, left / 1_000_000));
      selector.selectedKeys().clear();
      sink.clear();
      try {
        if (channel.read(sink) < 0) {
          return true;
        }
      } catch (IOException reset) {
        return true; // connection reset
      }
    }
  }

  @Override
  public void close() throws IOException {
    selector.close();
    channel.close();
  }
}
