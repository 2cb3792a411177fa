package io.sp4j.core;

import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.protocol.Protocols;
import java.util.Objects;

/** Opens sockets for {@link Socket#open} and {@link Socket#openRaw}, and for the nn facade. */
public final class SocketFactory {
  private SocketFactory() {}

  public static PollableSocket open(Protocol protocol, boolean raw) {
    Objects.requireNonNull(protocol, "protocol");
    return new CoreSocket(protocol, raw, context -> Protocols.engine(protocol, raw, context));
  }
}
