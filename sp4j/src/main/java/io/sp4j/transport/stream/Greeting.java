package io.sp4j.transport.stream;

import io.netty.buffer.ByteBuf;
import io.sp4j.Protocol;

/**
 * The 8 bytes each side of a {@code tcp://} or {@code ipc://} connection sends first (TCP-1):
 * {@code 00 'S' 'P' 00}, the protocol number as a 16-bit big-endian number, two zero bytes.
 */
public final class Greeting {
  /** Bytes in a greeting. */
  public static final int SIZE = 8;

  private Greeting() {}

  /** The greeting a socket of {@code protocol} sends. */
  public static byte[] of(Protocol protocol) {
    int number = protocol.number();
    return new byte[] {0, 'S', 'P', 0, (byte) (number >> 8), (byte) number, 0, 0};
  }

  /**
   * Checks a peer's greeting (TCP-2): the magic, the reserved bytes, and that its protocol may talk
   * to {@code self}.
   *
   * @param in at least {@link #SIZE} readable bytes; they are consumed
   * @return the peer's protocol, or {@code null} if the greeting is to be refused
   */
  public static Protocol read(ByteBuf in, Protocol self) {
    int magic = in.readInt();
    int number = in.readUnsignedShort();
    int reserved = in.readUnsignedShort();
    if (magic != 0x00535000 || reserved != 0) {
      return null;
    }
    for (Protocol p : Protocol.values()) {
      if (p.number() == number) {
        return self.acceptsPeer(p) ? p : null;
      }
    }
    return null;
  }
}
