package io.sp4j.core;

import io.sp4j.Protocol;
import io.sp4j.SocketProvider;
import io.sp4j.protocol.Protocols;
import io.sp4j.spi.PollableSocket;
import java.util.Objects;

/** sp4j's sockets, for {@link io.sp4j.Socket#open} (as a service) and for the nn facade. */
public final class CoreSocketProvider implements SocketProvider {
  /** Made by the service loader (or the nn facade). */
  public CoreSocketProvider() {}

  @Override
  public PollableSocket open(Protocol protocol, boolean raw) {
    Objects.requireNonNull(protocol, "protocol");
    return new CoreSocket(protocol, raw, context -> Protocols.engine(protocol, raw, context));
  }
}
