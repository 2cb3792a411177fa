package io.sp4j.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Channels an endpoint keeps open, so that it can close them; each leaves when it closes. One close
 * listener serves all of them, not a lambda per channel (10,000 idle connections). Thread-safe.
 */
public final class OpenChannels {
  private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
  private final ChannelFutureListener leaveOnClose = f -> channels.remove(f.channel());

  /** Keeps {@code channel} until it closes or is {@link #remove removed}. */
  public void add(Channel channel) {
    channels.add(channel);
    channel.closeFuture().addListener(leaveOnClose);
  }

  /** Lets go of {@code channel} before it closes (another endpoint takes it over). */
  public void remove(Channel channel) {
    if (channels.remove(channel)) {
      channel.closeFuture().removeListener(leaveOnClose);
    }
  }

  /** The channels open now, as a copy. */
  public List<Channel> list() {
    return new ArrayList<>(channels);
  }
}
