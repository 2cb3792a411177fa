package io.sp4j.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.sp4j.Protocol;
import io.sp4j.core.FakeEndpointContext;
import org.junit.jupiter.api.Test;

/**
 * An Error in a connection's handling (even an OutOfMemoryError) closes that connection and goes no
 * further.
 */
class ConnectionErrorTest {

  /** A connection whose receiving side fails with {@code error} on every read. */
  private static final class Failing extends ChannelConnection {
    private final Error error;

    Failing(EmbeddedChannel channel, Error error) {
      super(channel, (message, out) -> {}, 1024, InboundLimits.none(), () -> {});
      this.error = error;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      io.netty.util.ReferenceCountUtil.release(msg);
      throw error;
    }
  }

  @Test
  void anErrorWhileReadingClosesOnlyThatConnection() {
    FakeEndpointContext context = new FakeEndpointContext(Protocol.PAIR);
    EmbeddedChannel failing = new EmbeddedChannel();
    Failing connection = new Failing(failing, new OutOfMemoryError("a peer's input, in this test"));
    failing.pipeline().addLast(connection);
    connection.start(context.attach(connection, Protocol.PAIR));

    failing.writeInbound(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));

    assertThat(failing.isOpen()).isFalse();
    assertThat(context.isClosed()).as("the socket heard the connection went").isTrue();
    failing.checkException(); // handled: nothing reaches the end of the pipeline or the event loop
    failing.finishAndReleaseAll();
  }
}
