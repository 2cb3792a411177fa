package io.sp4j.transport.inproc;

import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.Message;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * INP-2: an inproc receiver buffers RECEIVE_BUFFER bytes plus one message of any size; after that
 * the sender is back-pressured. Messages cross by reference.
 */
class InprocBufferTest {

  @ParameterizedTest(name = "one message of {0} bytes over a 64-byte buffer")
  @ValueSource(ints = {65, 1000, 1 << 20})
  void bufferTakesItsBytesPlusOneMessageOfAnySize(int bigSize) {
    String name = "inproc://inp2-" + bigSize;
    try (Socket pull = Socket.open(Protocol.PULL);
        Socket push = Socket.open(Protocol.PUSH)) {
      pull.set(Options.RECEIVE_BUFFER, 64);
      pull.set(Options.RECEIVE_MAX_SIZE, -1);
      pull.set(Options.RECEIVE_TIMEOUT, Duration.ofSeconds(10));
      pull.bind(name);
      push.connect(name);
      int small = 0;
      for (; small < 7; small++) { // 56 bytes: under the buffer
        assertThat(push.trySend(Message.of(new byte[8]))).as("small message %d", small).isTrue();
      }
      byte[] big = new byte[bigSize];
      assertThat(push.trySend(Message.of(big))).as("one more message of any size").isTrue();
      assertThat(push.trySend(Message.of(new byte[1]))).as("then the buffer is full").isFalse();
      for (int i = 0; i < small; i++) {
        assertThat(pull.receive()).hasSize(8);
      }
      assertThat(pull.receive()).as("by reference").isSameAs(big);
      assertThat(push.trySend(Message.of(new byte[1]))).as("room again").isTrue();
    }
  }
}
