package io.sp4j.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sp4j.Message;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.ProtocolStateException;
import io.sp4j.SpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Remote messages, and the user's calls between them, into every engine, cooked and raw. The input
 * is a small script (see {@link Script}); after each message {@link Wire}'s header split must give
 * exactly what the protocol says (checked against {@link Script#expected}, written from the
 * checklist SP-* lines rather than from the engines), and the user's calls may fail only in the
 * documented ways.
 */
class ProtocolFuzzTest {
  private static final Protocol[] PROTOCOLS = Protocol.values();

  @FuzzTest(maxDuration = "10m")
  @Timeout(30)
  void messagesAndCalls(byte[] input) {
    new Script(input).run();
  }

  /**
   * Byte 0 picks the engine: {@code protocols[b / 2 % 10]}, raw when odd. Then steps until the
   * input ends, each a byte {@code op} and its operands: the low 3 bits say what, bit 3 which pipe
   * (1 or 2).
   *
   * <ul>
   *   <li>0: a message arrives: length {@code n}, split {@code s}, {@code n} bytes (the first
   *       {@code s % (n + 1)} as header, as from inproc; 0 as from the network)
   *   <li>1: the user receives
   *   <li>2: the user sends a 1-byte body: the operand
   *   <li>3: the clock moves by the operand × 500 ms (resends, survey deadlines)
   *   <li>4: the pipe goes away, or comes back
   *   <li>5: SUB subscribes to {@code n} bytes: length {@code n}, the bytes
   *   <li>6: the user sends with a header of {@code n} bytes: length {@code n}, the bytes
   *   <li>7: MAX_TTL becomes 1 + operand
   * </ul>
   */
  private static final class Script {
    private final ByteBuffer in;
    private final ProtocolHarness harness;
    private final MockPipe[] pipes = new MockPipe[2];
    private final boolean[] connected = {true, true};
    private final List<byte[]> subscriptions = new ArrayList<>();
    private int sends;
    private int maxTtl = Options.MAX_TTL.defaultValue();
    private boolean requestPending;
    private Duration surveyStart = Duration.ZERO;

    Script(byte[] input) {
      in = ByteBuffer.wrap(input);
      int variant = in.hasRemaining() ? in.get() & 0xff : 0;
      harness = ProtocolHarness.of(PROTOCOLS[variant / 2 % PROTOCOLS.length], variant % 2 == 1);
      for (int i = 0; i < 2; i++) {
        pipes[i] = new MockPipe(i + 1);
        connected[i] = harness.engine.addPipe(pipes[i]); // PAIR refuses the second
      }
    }

    void run() {
      while (in.hasRemaining()) {
        int op = in.get() & 0xff;
        int pipe = op >> 3 & 1;
        switch (op & 7) {
          case 0 -> arrive(pipe);
          case 1 -> receive();
          case 2 -> send(Message.of(new byte[] {next()}));
          case 3 -> harness.time.advance(Duration.ofMillis(500L * (next() & 0xff)));
          case 4 -> toggle(pipe);
          case 5 -> subscribe(bytes(next() & 0xff));
          case 6 -> send(Message.of(bytes(next() & 0xff), new byte[] {'h'}));
          default -> {
            maxTtl = 1 + (next() & 0xff) % 255;
            harness.set(Options.MAX_TTL, maxTtl);
          }
        }
      }
    }

    private void arrive(int index) {
      byte[] wire = bytes(next() & 0xff);
      int split = (next() & 0xff) % (wire.length + 1);
      MockPipe pipe = pipes[index];
      Message arriving =
          Message.of(Arrays.copyOf(wire, split), Arrays.copyOfRange(wire, split, wire.length));
      Message kept = harness.engine.received(pipe, arriving);
      Message expected = expected(pipe.id(), wire);
      if (expected == null) {
        assertThat(kept).as("%s kept %s", harness.engine, ProtocolHarness.hex(wire)).isNull();
        return;
      }
      assertThat(kept).as("%s dropped %s", harness.engine, ProtocolHarness.hex(wire)).isNotNull();
      assertThat(ProtocolHarness.hex(kept.header()))
          .as("header kept")
          .isEqualTo(ProtocolHarness.hex(expected.header()));
      assertThat(ProtocolHarness.hex(kept.body()))
          .as("body kept")
          .isEqualTo(ProtocolHarness.hex(expected.body()));
      if (connected[index]) {
        harness.queue.add(pipe, kept);
      }
    }

    /**
     * What the engine must keep of {@code wire} from pipe {@code pipeId}, or null to drop it.
     * SP-PUB-2, SP-PUSH-1: dropped. SP-PAIR-1, SP-PULL-1, SP-BUS-1: as it is; SP-BUS-2: raw BUS
     * heads it with the pipe id. SP-SUB-2: kept iff a subscribed prefix starts it. SP-REQ-6,
     * SP-SURV-2: the first word is the header; cooked keeps only the current id. SP-REP-1,
     * SP-GEN-4: the backtrace, hop words through the first with the top bit, at most MAX_TTL words,
     * is the header after the pipe id.
     */
    private Message expected(int pipeId, byte[] wire) {
      Protocol protocol = harness.protocol;
      boolean raw = harness.raw;
      return switch (protocol) {
        case PUB, PUSH -> null;
        case PAIR, PULL -> Message.of(wire);
        case BUS -> raw ? Message.of(Wire.word(pipeId), wire) : Message.of(wire);
        case SUB ->
            subscriptions.stream().anyMatch(p -> startsWith(wire, p)) ? Message.of(wire) : null;
        case REQ, SURVEYOR ->
            wire.length < 4 || (!raw && (!awaitingAnswer() || Wire.wordAt(wire, 0) != currentId()))
                ? null
                : Message.of(Arrays.copyOf(wire, 4), Arrays.copyOfRange(wire, 4, wire.length));
        default -> withBacktrace(pipeId, wire);
      };
    }

    /** REP, RESPONDENT: the pipe id and the backtrace up to the first word with the top bit. */
    private Message withBacktrace(int pipeId, byte[] wire) {
      for (int word = 0; word < maxTtl && word * 4 + 4 <= wire.length; word++) {
        if ((wire[word * 4] & 0x80) != 0) {
          int end = word * 4 + 4;
          return Message.of(
              ProtocolHarness.concat(Wire.word(pipeId), Arrays.copyOf(wire, end)),
              Arrays.copyOfRange(wire, end, wire.length));
        }
      }
      return null;
    }

    /** The id of the newest cooked request or survey: the harness's first, plus one per send. */
    private int currentId() {
      return (ProtocolHarness.FIRST_ID + sends - 1) | Wire.BOTTOM;
    }

    /**
     * Whether a cooked REQ's request waits for its reply (from its send until a receive returns the
     * reply), or a cooked SURVEYOR's survey is before its deadline (SP-REQ-6, SP-SURV-2).
     */
    private boolean awaitingAnswer() {
      if (harness.protocol == Protocol.REQ) {
        return requestPending;
      }
      return sends > 0
          && harness.time.now().minus(surveyStart).compareTo(Options.SURVEY_DEADLINE.defaultValue())
              < 0;
    }

    private void receive() {
      try {
        Message message = harness.receive();
        boolean cooked = !harness.raw;
        if (message != null && cooked && harness.protocol == Protocol.REQ) {
          requestPending = false;
        }
        if (message != null && cooked && harness.protocol != Protocol.BUS) {
          assertThat(message.header()).as("header of a cooked message received").isEmpty();
        }
      } catch (ProtocolStateException | SpTimeoutException documented) {
        // EFSM and ENOTSUP (SP-REQ-7, SP-SURV-3, SP-PUB-1 …), ETIMEDOUT after a survey's deadline
      }
    }

    private void send(Message message) {
      boolean cooked = !harness.raw;
      try {
        harness.send(message);
        if (cooked
            && message.headerSize() == 0
            && (harness.protocol == Protocol.REQ || harness.protocol == Protocol.SURVEYOR)) {
          sends++;
          requestPending = true;
          surveyStart = harness.time.now();
        }
      } catch (ProtocolStateException documented) {
        // EFSM, ENOTSUP: SP-REP-3, SP-SUB-1, SP-PULL-1
      } catch (IllegalArgumentException documented) {
        assertThat(message.headerSize()).as("message refused though it has no header").isNotZero();
      }
    }

    private void toggle(int index) {
      MockPipe pipe = pipes[index];
      if (connected[index]) {
        harness.engine.removePipe(pipe);
        harness.queue.forget(pipe);
        connected[index] = false;
      } else {
        pipes[index] = new MockPipe(pipe.id());
        connected[index] = harness.engine.addPipe(pipes[index]);
      }
    }

    private void subscribe(byte[] prefix) {
      if (harness.protocol == Protocol.SUB) {
        harness.engine.setOption(Options.SUBSCRIBE, prefix);
        subscriptions.add(prefix);
      }
    }

    private byte next() {
      return in.hasRemaining() ? in.get() : 0;
    }

    private byte[] bytes(int n) {
      byte[] out = new byte[Math.min(n, in.remaining())];
      in.get(out);
      return out;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
      return prefix.length <= bytes.length
          && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
  }
}
