package io.sp4j.attack;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One hand-driven client connection: blocking while it connects and handshakes (reads bounded by a
 * timeout), then non-blocking, so a thread can hold hundreds and see which the server closed.
 */
public final class RawConnection implements AutoCloseable {
  /** Largest handshake answer read (an HTTP response head). */
  private static final int MAX_ANSWER = 8192;

  private final SocketChannel channel;
  private final InputStream in;
  private final ByteBuffer drain = ByteBuffer.allocate(4096);
  private volatile boolean closedByPeer;

  private RawConnection(SocketChannel channel) throws IOException {
    this.channel = channel;
    this.in = channel.socket().getInputStream();
  }

  /**
   * Connects (blocking).
   *
   * @param receiveBuffer SO_RCVBUF to set before connecting, 0 for the system's
   */
  public static RawConnection connect(AttackAddress target, int receiveBuffer, Duration timeout)
      throws IOException {
    SocketChannel channel = SocketChannel.open();
    try {
      if (receiveBuffer > 0) {
        channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
      }
      channel.socket().connect(target.socketAddress(), (int) timeout.toMillis());
      channel.socket().setSoTimeout((int) timeout.toMillis());
      return new RawConnection(channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** A channel already connected (non-blocking), e.g. by a storm of simultaneous connects. */
  public static RawConnection adopt(SocketChannel connected) throws IOException {
    return new RawConnection(connected);
  }

  /**
   * Sends what a client of the target sends first and reads the answer: the server's greeting (tcp)
   * or {@code 101 Switching Protocols} (ws).
   *
   * @throws IOException if the server answered otherwise, closed, or took longer than the timeout
   */
  public void handshake(AttackAddress target) throws IOException {
    write(target.opening());
    if (target.scheme() == Scheme.TCP) {
      byte[] greeting = readExactly(8);
      if (!SpWire.isGreeting(greeting)) {
        throw new IOException("not an SP greeting from the server");
      }
    } else {
      String head = readHead();
      if (!head.startsWith("HTTP/1.1 101")) {
        throw new IOException("upgrade refused: " + head.lines().findFirst().orElse(""));
      }
    }
  }

  /** Writes all of {@code bytes} (blocking mode) or waits for room up to 10 s (non-blocking). */
  public void write(byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (buffer.hasRemaining()) {
      if (channel.write(buffer) == 0) {
        if (System.nanoTime() > deadline) {
          throw new SocketTimeoutException("the server took nothing for 10 s");
        }
        LockSupport.parkNanos(
            TimeUnit.MILLISECONDS.toNanos(1)); // pacing: the peer's window is shut
      }
    }
  }

  /** One non-blocking write attempt of what is left in {@code bytes}; how many went. */
  public int writeSome(ByteBuffer bytes) throws IOException {
    return channel.write(bytes);
  }

  /** From now on reads and writes never block. */
  public RawConnection nonBlocking() throws IOException {
    channel.configureBlocking(false);
    return this;
  }

  /**
   * Whether the server has closed the connection: reads (and drops) whatever it sent, without
   * blocking; an end of stream or a reset means closed. Call in non-blocking mode.
   */
  public synchronized boolean closedByPeer() {
    if (closedByPeer) {
      return true;
    }
    try {
      int n;
      do {
        drain.clear();
        n = channel.read(drain);
      } while (n > 0);
      if (n < 0) {
        closedByPeer = true;
      }
    } catch (IOException e) {
      closedByPeer = true;
    }
    return closedByPeer;
  }

  /** Closes with a FIN. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // closing a broken connection: nothing left to do
    }
  }

  /** Closes with a reset (SO_LINGER 0): the server sees ECONNRESET instead of an end of stream. */
  public void reset() {
    try {
      channel.setOption(StandardSocketOptions.SO_LINGER, 0);
    } catch (IOException e) {
      // already closed: the close below does nothing
    }
    close();
  }

  private byte[] readExactly(int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      throw new EOFException("the server closed after " + b.length + " of " + n + " bytes");
    }
    return b;
  }

  /**
   * Reads up to the blank line that ends an HTTP head, a chunk at a time: a server sends nothing
   * after its 101 until the client does, so nothing past the head is lost.
   */
  private String readHead() throws IOException {
    byte[] head = new byte[MAX_ANSWER];
    int filled = 0;
    while (filled < head.length) {
      int n = in.read(head, filled, head.length - filled);
      if (n < 0) {
        throw new EOFException(
            "the server closed during the upgrade: '"
                + new String(head, 0, filled, StandardCharsets.ISO_8859_1)
                + "'");
      }
      filled += n;
      String text = new String(head, 0, filled, StandardCharsets.ISO_8859_1);
      if (text.contains("\r\n\r\n")) {
        return text;
      }
    }
    throw new IOException("answer head longer than " + MAX_ANSWER + " bytes");
  }
}
