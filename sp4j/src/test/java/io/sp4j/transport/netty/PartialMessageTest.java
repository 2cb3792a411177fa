package io.sp4j.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.spi.ReceiveBudget;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A finished body is exactly the bytes written into it, in order, whatever the pieces: through the
 * array's growth, the final trim and a ws message in fragments. Written bytes are never 0, so a
 * byte handed up that was never written shows.
 */
class PartialMessageTest {
  private final Random random = new Random(12);

  private byte[] wireBytes(int n) {
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      bytes[i] = (byte) (1 + random.nextInt(255));
    }
    return bytes;
  }

  /** Writes {@code sent[from, from + n)} as a decoder does: room, copy, advance. */
  private static void write(PartialMessage message, byte[] sent, int from, int n, long inHand) {
    byte[] into = message.room(n, inHand);
    System.arraycopy(sent, from, into, message.filled(), n);
    message.advance(n);
  }

  private static void writeInPieces(
      PartialMessage message, byte[] sent, int from, int n, int piece) {
    for (int at = from; at < from + n; at += piece) {
      int take = Math.min(piece, from + n - at);
      write(message, sent, at, take, take);
    }
  }

  @ParameterizedTest(name = "pieces of {0} bytes")
  @ValueSource(ints = {1, 3, 100, 1 << 20})
  void lengthPrefixedBodiesAreExactlyTheirBytes(int piece) {
    PartialMessage message = new PartialMessage(ReceiveBudget.UNLIMITED);
    // Growing from nothing, then at the announced size once the connection has delivered as
    // much, then smaller and larger again.
    for (int size : new int[] {1, 7, 64, 255, 256, 257, 1000, 5000, 300, 5000, 70_000, 8}) {
      byte[] sent = wireBytes(size);
      message.begin(size, true);
      writeInPieces(message, sent, 0, size, piece);
      assertThat(message.isComplete()).isTrue();
      assertThat(message.finish()).as("%d bytes in pieces of %d", size, piece).isEqualTo(sent);
    }
  }

  @ParameterizedTest(name = "pieces of {0} bytes")
  @ValueSource(ints = {1, 5, 100, 1 << 20})
  void wsFragmentsAreExactlyTheirBytesOnceCutToSize(int piece) {
    PartialMessage message = new PartialMessage(ReceiveBudget.UNLIMITED);
    int[][] messages = {{10, 1, 300}, {2000, 3, 1}, {100, 100, 100, 100}, {5000}, {1, 6000, 2}};
    for (int[] fragments : messages) {
      int total = 0;
      for (int length : fragments) {
        total += length;
      }
      byte[] sent = wireBytes(total);
      int at = 0;
      for (int i = 0; i < fragments.length; i++) {
        boolean last = i == fragments.length - 1;
        if (i == 0) {
          message.begin(fragments[i], last);
        } else {
          message.extend(fragments[i], last);
        }
        writeInPieces(message, sent, at, fragments[i], piece);
        at += fragments[i];
      }
      assertThat(message.finish()).as("fragments %s", fragments).isEqualTo(sent);
    }
  }
}
