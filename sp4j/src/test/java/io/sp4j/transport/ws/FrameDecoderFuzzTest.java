package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sp4j.Options;
import io.sp4j.testing.ChannelFeed;
import io.sp4j.transport.netty.InboundGuard;
import io.sp4j.transport.netty.InboundLimits;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes after the handshake, into {@link FrameDecoder} on both sides (a server expects masked
 * frames, a client unmasked ones), with the default receive limit (1 MiB) and with none: what comes
 * out is whole messages within the limit, text that is UTF-8, control frames of at most 125 bytes,
 * and at most one Close or protocol error, last; a protocol error writes exactly one Close frame
 * carrying its code and closes the channel; nothing else is written; and all of it is what {@link
 * RfcFrames}, a plain reading of the checklist, expects. See {@link ChannelFeed} for what holds for
 * every decoder (pieces, release, memory).
 */
class FrameDecoderFuzzTest {
  private static final int DEFAULT_LIMIT = Options.RECEIVE_MAX_SIZE.defaultValue();

  @FuzzTest(maxDuration = "10m")
  @Timeout(30)
  void serverReadsMaskedFrames(byte[] input) {
    check(true, input);
  }

  @FuzzTest(maxDuration = "10m")
  @Timeout(30)
  void clientReadsUnmaskedFrames(byte[] input) {
    check(false, input);
  }

  private static void check(boolean server, byte[] input) {
    for (int limit : new int[] {DEFAULT_LIMIT, -1}) {
      List<FrameLog.Entry> expected = RfcFrames.read(input, server, limit);
      ChannelFeed.check(
          target(server, limit),
          input,
          run -> {
            invariants(run, server, limit);
            assertThat(run.observed().entries)
                .as("what the decoder passed on, against RfcFrames")
                .isEqualTo(expected);
          },
          run -> List.of(run.observed().entries, run.open()));
    }
  }

  private static ChannelFeed.Target<FrameLog> target(boolean server, int limit) {
    return channel -> {
      FrameLog log = new FrameLog();
      // The decoder writes its Close frames as bytes, masked when this side is a client.
      channel
          .pipeline()
          .addLast(
              new FrameDecoder(server, limit, new InboundGuard(channel, InboundLimits.none())),
              log);
      return log;
    };
  }

  private static void invariants(ChannelFeed.Run<FrameLog> run, boolean server, int limit) {
    FrameLog log = run.observed();
    assertThat(run.escaped()).as("exception out of the pipeline").isNull();
    assertThat(log.unexpected).as("exceptions other than a corrupt frame").isEmpty();
    List<FrameLog.Entry> entries = log.entries;
    for (int i = 0; i < entries.size(); i++) {
      FrameLog.Entry entry = entries.get(i);
      assertThat(!entry.ends() || i == entries.size() - 1)
          .as("nothing after %s", entry.kind())
          .isTrue();
      switch (entry.kind()) {
        case "TEXT" ->
            assertThat(Utf8.isValid(HexFormat.of().parseHex(entry.hex())))
                .as("text is UTF-8")
                .isTrue();
        case "BINARY", "CORRUPT" -> {}
        case "PING", "PONG", "CLOSE" ->
            assertThat(entry.size()).as("control payload").isLessThanOrEqualTo(125);
        default -> throw new AssertionError("the decoder passed on " + entry);
      }
      if (limit >= 0) {
        assertThat(entry.size()).as("message within the receive limit").isLessThanOrEqualTo(limit);
      }
    }
    FrameLog.Entry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
    if (last != null && last.kind().equals("CORRUPT")) {
      assertThat(run.open()).as("open after a protocol error").isFalse();
      assertThat(closeCode(run.outbound(), !server))
          .as("code of the Close written")
          .isEqualTo(last.code());
    } else {
      assertThat(run.outbound()).as("bytes written without a protocol error").isEmpty();
      assertThat(run.open()).as("closed without a protocol error").isTrue();
    }
  }

  /** The status code of the one Close frame in {@code bytes}, checking its framing. */
  static int closeCode(byte[] bytes, boolean masked) {
    assertThat(bytes.length).as("Close frame length").isGreaterThanOrEqualTo(masked ? 8 : 4);
    assertThat(bytes[0] & 0xff).as("FIN and Close opcode").isEqualTo(0x88);
    assertThat((bytes[1] & 0x80) != 0).as("mask bit").isEqualTo(masked);
    int length = bytes[1] & 0x7f;
    int payloadAt = masked ? 6 : 2;
    assertThat(length).as("Close payload length").isBetween(2, 125);
    assertThat(bytes.length).as("one frame only").isEqualTo(payloadAt + length);
    int high = bytes[payloadAt] ^ (masked ? bytes[2] : 0);
    int low = bytes[payloadAt + 1] ^ (masked ? bytes[3] : 0);
    return (high & 0xff) << 8 | (low & 0xff);
  }
}
