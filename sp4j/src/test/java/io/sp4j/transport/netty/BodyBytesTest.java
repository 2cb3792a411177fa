package io.sp4j.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link BodyBytes#read} moves exactly the bytes asked for, from the reader index on, into exactly
 * the place asked for, on both sides of {@link BodyBytes#SMALL} and from buffers with and without a
 * memory address.
 */
class BodyBytesTest {
  static Stream<Arguments> cases() {
    return IntStream.of(0, 1, 7, 8, 9, 63, 64, 65, BodyBytes.SMALL, BodyBytes.SMALL + 1, 1000)
        .boxed()
        .flatMap(length -> Stream.of(true, false).map(direct -> Arguments.of(length, direct)));
  }

  private static ByteBuf buffer(boolean direct, int capacity) {
    return direct
        ? PooledByteBufAllocator.DEFAULT.directBuffer(capacity)
        : Unpooled.buffer(capacity);
  }

  @ParameterizedTest(name = "{0} bytes, direct {1}")
  @MethodSource("cases")
  void readsTheBytesAtTheReaderIndexIntoTheOffset(int length, boolean direct) {
    byte[] wire = new byte[length + 3 + 5];
    new Random(length).nextBytes(wire);
    ByteBuf in = buffer(direct, wire.length);
    try {
      in.writeBytes(wire);
      in.skipBytes(3); // an odd reader index; 5 bytes stay behind the body
      byte[] dst = new byte[length + 11];
      Arrays.fill(dst, (byte) 0x5a);
      BodyBytes.read(in, dst, 7, length);
      assertThat(Arrays.copyOfRange(dst, 7, 7 + length))
          .isEqualTo(Arrays.copyOfRange(wire, 3, 3 + length));
      assertThat(Arrays.copyOfRange(dst, 0, 7)).containsOnly((byte) 0x5a);
      assertThat(Arrays.copyOfRange(dst, 7 + length, dst.length)).containsOnly((byte) 0x5a);
      assertThat(in.readerIndex()).isEqualTo(3 + length);
    } finally {
      in.release();
    }
  }

  @ParameterizedTest(name = "direct {0}")
  @ValueSource(booleans = {true, false})
  void readingPastTheBufferOrTheArrayThrowsAndMovesNothing(boolean direct) {
    ByteBuf in = buffer(direct, 64);
    try {
      in.writeBytes(new byte[20]);
      assertThatThrownBy(() -> BodyBytes.read(in, new byte[64], 0, 21))
          .isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> BodyBytes.read(in, new byte[20], 1, 20))
          .isInstanceOf(IndexOutOfBoundsException.class);
      assertThat(in.readerIndex()).isZero();
    } finally {
      in.release();
    }
  }
}
