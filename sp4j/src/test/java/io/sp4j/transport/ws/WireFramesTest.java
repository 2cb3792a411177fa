package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Masking against RFC 6455 section 5.3 byte by byte (octet i XOR key octet (phase + i) mod 4), for
 * every length up to two 64-byte unrolled steps and a tail (so every split between the unrolled
 * loop, the 8-byte loop and the byte loop), every phase, odd offsets, and both kinds of buffer:
 * direct ones take the native-order path, heap ones the big-endian view. Bytes around the payload
 * stay as they were.
 */
class WireFramesTest {
  private static final int MASK = 0x9a3c_51e7;
  private static final byte GUARD = 0x5a;
  private static final int GUARD_BYTES = 9;

  static Stream<Arguments> cases() {
    return IntStream.concat(IntStream.rangeClosed(0, 2 * 64 + 9), IntStream.of(1000))
        .boxed()
        .flatMap(
            length ->
                IntStream.range(0, 4)
                    .boxed()
                    .flatMap(
                        phase ->
                            Stream.of(true, false)
                                .map(direct -> Arguments.of(length, phase, direct))));
  }

  private static byte[] expectedMasked(byte[] src, int offset, int length, int phase) {
    byte[] key = {(byte) (MASK >>> 24), (byte) (MASK >>> 16), (byte) (MASK >>> 8), (byte) MASK};
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) (src[offset + i] ^ key[(phase + i) & 3]);
    }
    return out;
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new Random(n).nextBytes(bytes);
    return bytes;
  }

  private static ByteBuf buffer(boolean direct, int capacity) {
    return direct
        ? PooledByteBufAllocator.DEFAULT.directBuffer(capacity)
        : Unpooled.buffer(capacity);
  }

  @ParameterizedTest(name = "{0} bytes from phase {1}, direct {2}")
  @MethodSource("cases")
  void writeMaskedMatchesTheRfcByteByByte(int length, int phase, boolean direct) {
    byte[] src = randomBytes(length + 5);
    ByteBuf out = buffer(direct, 3 + length + GUARD_BYTES);
    try {
      for (int i = 0; i < out.capacity(); i++) {
        out.setByte(i, GUARD);
      }
      out.writerIndex(3); // an odd writer index
      int after = WireFrames.writeMasked(out, src, 5, length, MASK, phase);
      assertThat(after).isEqualTo((phase + length) & 3);
      byte[] written = new byte[length];
      out.getBytes(3, written);
      assertThat(written).isEqualTo(expectedMasked(src, 5, length, phase));
      assertThat(out.writerIndex()).isEqualTo(3 + length);
      byte[] beyond = new byte[GUARD_BYTES];
      out.getBytes(3 + length, beyond);
      assertThat(beyond).containsOnly(GUARD);
    } finally {
      out.release();
    }
  }

  @ParameterizedTest(name = "{0} bytes from phase {1}, direct {2}")
  @MethodSource("cases")
  void readUnmaskedUndoesTheRfcMask(int length, int phase, boolean direct) {
    byte[] original = randomBytes(length);
    byte[] masked = expectedMasked(original, 0, length, phase);
    ByteBuf in = buffer(direct, length);
    try {
      in.writeBytes(masked);
      byte[] dst = new byte[7 + length + GUARD_BYTES];
      Arrays.fill(dst, GUARD);
      int after = WireFrames.readUnmasked(in, dst, 7, length, true, MASK, phase);
      assertThat(after).isEqualTo((phase + length) & 3);
      assertThat(Arrays.copyOfRange(dst, 7, 7 + length)).isEqualTo(original);
      assertThat(Arrays.copyOfRange(dst, 0, 7)).containsOnly(GUARD);
      assertThat(Arrays.copyOfRange(dst, 7 + length, dst.length)).containsOnly(GUARD);
      assertThat(in.isReadable()).isFalse();
    } finally {
      in.release();
    }
  }
}
