package io.sp4j.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.util.internal.PlatformDependent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * RFC 6455 data frames written and read in place: frame headers straight into a (pooled) buffer,
 * payloads masked or unmasked 8 bytes at a time between a {@code byte[]} and a {@link ByteBuf}. A
 * mask key is an {@code int} holding the four key bytes big-endian; a phase says which key byte the
 * next payload byte takes (0 … 3), so a payload may be handled in pieces.
 */
final class WireFrames {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /**
   * Whether payloads are masked through Netty's unaligned native-order access (Unsafe) rather than
   * the big-endian view above. spperf runs small messages on C1, which inlines neither the view's
   * checks nor {@code Long.reverseBytes}: two byte swaps and a dozen calls per 8 bytes made masking
   * the largest cost of a 1 KiB message (async-profiler, ws 1 KiB, both sides).
   */
  private static final boolean NATIVE_LONGS =
      PlatformDependent.hasUnsafe() && PlatformDependent.isUnaligned();

  private WireFrames() {}

  /** Bytes of a frame header for a payload of {@code length} bytes. */
  static int headerSize(long length, boolean masked) {
    return (length <= 125 ? 2 : length <= 65535 ? 4 : 10) + (masked ? 4 : 0);
  }

  /** Writes a frame header with the minimal length encoding (and the mask key if masked). */
  static void writeHeader(ByteBuf out, int firstByte, long length, boolean masked, int mask) {
    int maskBit = masked ? 0x80 : 0;
    if (length <= 125) {
      out.writeShort(firstByte << 8 | maskBit | (int) length);
    } else if (length <= 65535) {
      out.writeShort(firstByte << 8 | maskBit | 126);
      out.writeShort((int) length);
    } else {
      out.writeShort(firstByte << 8 | maskBit | 127);
      out.writeLong(length);
    }
    if (masked) {
      out.writeInt(mask);
    }
  }

  /** The key as it applies from {@code phase} on, repeated to 8 bytes. */
  private static long longMask(int mask, int phase) {
    int rotated = Integer.rotateLeft(mask, 8 * (phase & 3));
    return (long) rotated << 32 | (rotated & 0xffffffffL);
  }

  /** A big-endian 8-byte key as a native-order read of its bytes gives it. */
  private static long nativeOrder(long bigEndianKey) {
    return PlatformDependent.BIG_ENDIAN_NATIVE_ORDER
        ? bigEndianKey
        : Long.reverseBytes(bigEndianKey);
  }

  /**
   * Writes {@code src[offset, offset + length)} masked from key byte {@code phase} on.
   *
   * @return the phase after these bytes
   */
  static int writeMasked(ByteBuf out, byte[] src, int offset, int length, int mask, int phase) {
    out.ensureWritable(length);
    long key = longMask(mask, phase);
    int index = out.writerIndex();
    int i = 0;
    if (NATIVE_LONGS && out.hasMemoryAddress()) {
      long address = out.memoryAddress() + index;
      long nativeKey = nativeOrder(key);
      for (; i + 8 <= length; i += 8) {
        PlatformDependent.putLong(
            address + i, PlatformDependent.getLong(src, offset + i) ^ nativeKey);
      }
    }
    for (; i + 8 <= length; i += 8) {
      out.setLong(index + i, (long) LONGS.get(src, offset + i) ^ key);
    }
    for (; i < length; i++) {
      out.setByte(index + i, src[offset + i] ^ (int) (key >>> (56 - 8 * (i & 7))));
    }
    out.writerIndex(index + length);
    return (phase + length) & 3;
  }

  /**
   * Reads {@code length} bytes of {@code in} into {@code dst[offset, offset + length)}, unmasking
   * them from key byte {@code phase} on (a key of 0 with {@code masked} false copies).
   *
   * @return the phase after these bytes
   */
  static int readUnmasked(
      ByteBuf in, byte[] dst, int offset, int length, boolean masked, int mask, int phase) {
    if (!masked) {
      in.readBytes(dst, offset, length);
      return phase;
    }
    in.readBytes(dst, offset, length);
    long key = longMask(mask, phase);
    int i = 0;
    if (NATIVE_LONGS) {
      long nativeKey = nativeOrder(key);
      for (; i + 8 <= length; i += 8) {
        PlatformDependent.putLong(
            dst, offset + i, PlatformDependent.getLong(dst, offset + i) ^ nativeKey);
      }
    }
    for (; i + 8 <= length; i += 8) {
      LONGS.set(dst, offset + i, (long) LONGS.get(dst, offset + i) ^ key);
    }
    for (; i < length; i++) {
      dst[offset + i] ^= (byte) (key >>> (56 - 8 * (i & 7)));
    }
    return (phase + length) & 3;
  }
}
