package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.channel.embedded.EmbeddedChannel;
import io.sp4j.Errno;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.SpException;
import io.sp4j.core.FakeEndpointContext;
import io.sp4j.spi.SpAddress;
import io.sp4j.testing.ChannelFeed;
import io.sp4j.testing.ManualTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes from a server into a REQ dialer's {@link ClientHandshakeHandler}, which sent the RFC
 * 6455 sample key (so the corpus can hold a 101 that passes): the handler writes its request and
 * nothing more; the answer is accepted (the test's dialer has no current channel, so the channel is
 * then closed) or refused with EPROTO, ECONNREFUSED or EACCES, or, when no whole head arrives,
 * refused with ETIMEDOUT at the deadline (WS-HS-7 … 14). Either way the channel ends closed, and no
 * exception escapes.
 */
class ClientHandshakeFuzzTest {
  static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
  private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
  private static final Set<Errno> REFUSALS = Set.of(Errno.EPROTO, Errno.ECONNREFUSED, Errno.EACCES);

  @FuzzTest(maxDuration = "10m")
  @Timeout(30)
  void answerFromAServer(byte[] input) {
    ChannelFeed.check(
        TARGET, input, run -> invariants(run, input), ClientHandshakeFuzzTest::summary);
  }

  /** A dialer whose socket keeps a manual time, which the feed moves with the channel's. */
  private record TimedDialer(WsDialer dialer, ManualTime time) {
    SpException lastFailure() {
      return dialer.lastFailure();
    }

    WsAddress address() {
      return dialer.address();
    }
  }

  private static final ChannelFeed.Target<TimedDialer> TARGET =
      new ChannelFeed.Target<>() {
        @Override
        public TimedDialer install(EmbeddedChannel channel) {
          ManualTime time = new ManualTime();
          WsDialer dialer =
              new WsDialer(
                  WsAddress.parse(SpAddress.parse("ws://127.0.0.1:5555/app"), false),
                  new FakeEndpointContext(Protocol.REQ).withTime(time));
          channel.pipeline().addLast(new ClientHandshakeHandler(dialer, KEY));
          return new TimedDialer(dialer, time);
        }

        @Override
        public void advance(TimedDialer observed, Duration step) {
          observed.time().advance(step);
        }

        @Override
        public Duration settle() {
          return Options.HANDSHAKE_TIMEOUT.defaultValue().plusSeconds(1);
        }
      };

  private static List<Object> summary(ChannelFeed.Run<TimedDialer> run) {
    SpException failure = run.observed().lastFailure();
    return Arrays.asList(failure == null ? null : failure.errno(), run.open());
  }

  private static void invariants(ChannelFeed.Run<TimedDialer> run, byte[] input) {
    assertThat(run.escaped()).as("exception out of the pipeline").isNull();
    assertThat(run.open()).as("open at the end").isFalse();
    assertThat(run.outbound())
        .as("bytes written: the request only")
        .isEqualTo(Handshake.request(run.observed().address(), "rep.sp.nanomsg.org", KEY));
    SpException failure = run.observed().lastFailure();
    String answer = new String(input, StandardCharsets.ISO_8859_1);
    boolean wholeHead = headEnd(answer) >= 0;
    if (failure == null) {
      assertThat(answer).as("accepted answer").startsWith("HTTP/1.1 101 ").contains(ACCEPT);
    } else if (wholeHead) {
      assertThat(REFUSALS).as("errno of a refused answer").contains(failure.errno());
    } else {
      assertThat(failure.errno())
          .as("errno without a whole answer")
          .isIn(Errno.ETIMEDOUT, Errno.EPROTO);
    }
  }

  /**
   * Where a head ends (after its blank line, CRLF or LF) within HttpHead's size limit; -1 if not.
   */
  private static int headEnd(String text) {
    int limit = Math.min(text.length(), HttpHead.MAX_SIZE + 1);
    int lineStart = 0;
    for (int i = 0; i < limit; i++) {
      if (text.charAt(i) == '\n') {
        int line = i - lineStart - (i > lineStart && text.charAt(i - 1) == '\r' ? 1 : 0);
        if (line == 0 && lineStart > 0) {
          return i + 1;
        }
        lineStart = i + 1;
      }
    }
    return -1;
  }
}
