package io.sp4j.transport.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.embedded.EmbeddedChannel;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.testing.ChannelFeed;
import io.sp4j.testing.RecordingPipeEvents;
import io.sp4j.transport.netty.ChannelTime;
import io.sp4j.transport.netty.InboundLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes from a {@code tcp://} or {@code ipc://} peer into {@link StreamHandshake} and the
 * {@link StreamConnection} it installs, with the default receive limit (1 MiB) and with none. The
 * socket's protocol is the peer of the one the input's greeting names (PAIR if it names none), so
 * the greeting's magic and reserved bytes decide it. What is delivered and whether the channel
 * stays open must match {@link Framing}, a plain reading of TCP-1 … 4 and IPC-1, 2; the only bytes
 * written are the socket's own greeting. See {@link ChannelFeed} for what holds for every decoder
 * (pieces, release, memory).
 */
class StreamFuzzTest {
  private static final int DEFAULT_LIMIT = Options.RECEIVE_MAX_SIZE.defaultValue();

  @FuzzTest(maxDuration = "10m")
  @Timeout(30)
  void tcpPeer(byte[] input) {
    check(false, input);
  }

  @FuzzTest(maxDuration = "10m")
  @Timeout(30)
  void ipcPeer(byte[] input) {
    check(true, input);
  }

  private static void check(boolean ipc, byte[] input) {
    Protocol self = selfFor(input);
    for (int limit : new int[] {DEFAULT_LIMIT, -1}) {
      Framing expected = Framing.read(input, self, ipc, limit);
      ChannelFeed.check(
          target(self, ipc, limit),
          input,
          run -> {
            assertThat(run.escaped()).as("exception out of the pipeline").isNull();
            assertThat(run.outbound())
                .as("bytes written: the greeting only")
                .isEqualTo(Greeting.of(self));
            assertThat(hex(run.observed()))
                .as("messages delivered")
                .containsExactlyElementsOf(expected.messages());
            assertThat(run.open()).as("open at the end").isEqualTo(expected.open());
          },
          run -> List.of(hex(run.observed()), run.open()));
    }
  }

  private static List<String> hex(RecordingPipeEvents events) {
    return events.delivered().stream().map(m -> HexFormat.of().formatHex(m.toWireBytes())).toList();
  }

  /** The peer of the protocol the greeting names, or PAIR. */
  private static Protocol selfFor(byte[] input) {
    int number = input.length < 6 ? -1 : (input[4] & 0xff) << 8 | (input[5] & 0xff);
    for (Protocol p : Protocol.values()) {
      if (p.number() == number) {
        return p.peer();
      }
    }
    return Protocol.PAIR;
  }

  /** The handshake, then a connection that delivers to the recorder. */
  private static ChannelFeed.Target<RecordingPipeEvents> target(
      Protocol self, boolean ipc, int limit) {
    return new ChannelFeed.Target<>() {
      @Override
      public RecordingPipeEvents install(EmbeddedChannel channel) {
        RecordingPipeEvents events = new RecordingPipeEvents();
        channel
            .pipeline()
            .addLast(
                new StreamHandshake(
                    self,
                    Options.HANDSHAKE_TIMEOUT.defaultValue(),
                    (ch, peer) -> {
                      StreamConnection connection =
                          new StreamConnection(
                              ch,
                              ipc,
                              limit,
                              Options.SEND_BUFFER.defaultValue(),
                              InboundLimits.none(),
                              () -> {});
                      connection.start(events);
                      return connection;
                    },
                    failure -> {},
                    ChannelTime.EVENT_LOOP));
        return events;
      }

      @Override
      public Duration settle() {
        return Options.HANDSHAKE_TIMEOUT.defaultValue().plusSeconds(1);
      }
    };
  }

  /**
   * The stream as the checklist describes it: an 8-byte greeting {@code 00 53 50 00}, a protocol
   * number the socket accepts, {@code 00 00}; then messages, each an ipc type byte {@code 01} (ipc
   * only), an 8-byte big-endian length within the limit and that many bytes.
   *
   * @param messages the messages a reader must deliver, as hex
   * @param open whether the reader must still be open: waiting for more, not refusing
   */
  record Framing(List<String> messages, boolean open) {
    static Framing read(byte[] in, Protocol self, boolean ipc, int limit) {
      List<String> messages = new ArrayList<>();
      if (in.length < 8) {
        return new Framing(messages, false); // the greeting's deadline passes
      }
      int number = (in[4] & 0xff) << 8 | (in[5] & 0xff);
      boolean greeted =
          in[0] == 0
              && in[1] == 'S'
              && in[2] == 'P'
              && in[3] == 0
              && in[6] == 0
              && in[7] == 0
              && self.peer().number() == number;
      if (!greeted) {
        return new Framing(messages, false);
      }
      int prefix = ipc ? 9 : 8;
      int at = 8;
      while (in.length - at >= prefix) {
        if (ipc && in[at] != 1) {
          return new Framing(messages, false);
        }
        long length = 0;
        for (int i = at + prefix - 8; i < at + prefix; i++) {
          length = length << 8 | (in[i] & 0xff);
        }
        if (length < 0 || (limit >= 0 && length > limit) || length > Integer.MAX_VALUE - 8) {
          return new Framing(messages, false);
        }
        if (in.length - at - prefix < length) {
          break;
        }
        messages.add(HexFormat.of().formatHex(in, at + prefix, at + prefix + (int) length));
        at += prefix + (int) length;
      }
      return new Framing(messages, true);
    }
  }
}
