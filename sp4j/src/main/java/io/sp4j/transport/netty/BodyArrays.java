package io.sp4j.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.util.internal.PlatformDependent;

/**
 * Arrays for received message bodies, made without the zero fill where the JVM allows it: every
 * byte a body hands up is first written from the wire, so zeroing it first is wasted work (10 % of
 * a ws 1 KiB receiver's event loop). Netty makes the array through the JDK's internal Unsafe, which
 * needs {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}; without it, or on a JVM
 * whose Unsafe Netty does not use, the array is an ordinary zeroed one. Only C2 skips the fill: C1
 * and the interpreter zero the array either way.
 *
 * <p>Whoever takes an array from here owns the rule that makes it safe: no byte is read or handed
 * on before it has been written.
 */
public final class BodyArrays {
  /**
   * Bodies up to this size are copied 8 bytes at a time from the buffer's address. A buffer's own
   * copy ends in {@code Unsafe.copyMemory}, whose argument checks C1 runs as calls: at 64 B they
   * were a quarter of the receiving event loop's samples.
   */
  static final int SMALL = 128;

  private static final boolean LONG_COPY =
      PlatformDependent.hasUnsafe() && PlatformDependent.isUnaligned();

  private BodyArrays() {}

  /**
   * Moves {@code length} readable bytes of {@code in} into {@code dst[offset, offset + length)}.
   */
  public static void read(ByteBuf in, byte[] dst, int offset, int length) {
    if (length > SMALL || !LONG_COPY || !in.hasMemoryAddress()) {
      in.readBytes(dst, offset, length);
      return;
    }
    int from = in.readerIndex();
    if (length < 0
        || length > in.writerIndex() - from
        || offset < 0
        || offset > dst.length - length) {
      throw new IndexOutOfBoundsException(
          length + " bytes from " + in + " into " + offset + " of " + dst.length);
    }
    long address = in.memoryAddress() + from;
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      PlatformDependent.putLong(dst, offset + i, PlatformDependent.getLong(address + i));
    }
    for (; i < length; i++) {
      dst[offset + i] = PlatformDependent.getByte(address + i);
    }
    in.readerIndex(from + length);
  }

  /** An array of {@code length} bytes whose contents are undefined until written. */
  static byte[] unfilled(int length) {
    return PlatformDependent.allocateUninitializedArray(length);
  }

  /** The first {@code length} bytes of {@code from} in a new array of {@code capacity} bytes. */
  static byte[] copyOf(byte[] from, int length, int capacity) {
    assert length <= capacity && length <= from.length;
    byte[] to = unfilled(capacity);
    System.arraycopy(from, 0, to, 0, length);
    return to;
  }
}
