package io.sp4j.transport.stream;

import io.netty.channel.embedded.EmbeddedChannel;
import io.sp4j.Protocol;
import io.sp4j.core.FakeEndpointContext;
import io.sp4j.transport.InboundLimitsContract;
import io.sp4j.transport.netty.ChannelConnection;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Nested;

/**
 * The inbound limits on tcp:// and ipc:// framing (an 8-byte length; ipc with its type byte first).
 */
class StreamInboundLimitsTest {

  private abstract static class Framing extends InboundLimitsContract {
    abstract boolean typed();

    @Override
    protected ChannelConnection install(EmbeddedChannel channel, FakeEndpointContext context) {
      StreamConnection connection = StreamOptions.connection(context, channel, typed(), () -> {});
      channel.pipeline().addLast(connection);
      connection.start(context.attach(connection, Protocol.PUSH));
      return connection;
    }

    @Override
    protected byte[] announce(long length) {
      ByteBuffer prefix = ByteBuffer.allocate(typed() ? 9 : 8);
      if (typed()) {
        prefix.put(StreamConnection.IPC_MESSAGE);
      }
      return prefix.putLong(length).array();
    }

    @Override
    protected long largestAnnounceable() {
      return Integer.MAX_VALUE - 8;
    }
  }

  @Nested
  class Tcp extends Framing {
    @Override
    boolean typed() {
      return false;
    }
  }

  @Nested
  class Ipc extends Framing {
    @Override
    boolean typed() {
      return true;
    }
  }
}
