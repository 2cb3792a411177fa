package io.sp4j.transport.netty;

import io.sp4j.Option;
import io.sp4j.Options;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The options every Netty transport reads: handshake, stall and connection limits. */
public final class ConnectionOptions {
  private static final List<Option<?>> COMMON =
      List.of(
          Options.HANDSHAKE_TIMEOUT,
          Options.RECEIVE_STALL_TIMEOUT,
          Options.MAX_CONNECTIONS,
          Options.MAX_HANDSHAKES,
          Options.LISTEN_BACKLOG);

  private ConnectionOptions() {}

  /** The common options and a transport's own. */
  public static Set<Option<?>> with(Option<?>... own) {
    Set<Option<?>> options = new HashSet<>(COMMON);
    options.addAll(List.of(own));
    return Set.copyOf(options);
  }
}
