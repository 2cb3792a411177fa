package io.sp4j.core;

import io.sp4j.Protocol;
import io.sp4j.spi.PollableSocket;
import io.sp4j.testing.ManualTime;

/**
 * Sockets whose every timeout, timer, deadline, reconnect wait and linger runs on a {@link
 * ManualTime}: nothing of the kind happens until the test advances it.
 */
public final class ManualTimeSockets {
  private ManualTimeSockets() {}

  /** A provider of such sockets (for a library of them, the nn facade's). */
  public static CoreSocketProvider provider(ManualTime time) {
    return new CoreSocketProvider(time, time);
  }

  public static PollableSocket open(Protocol protocol, ManualTime time) {
    return new CoreSocketProvider(time, time).open(protocol, false);
  }

  public static PollableSocket openRaw(Protocol protocol, ManualTime time) {
    return new CoreSocketProvider(time, time).open(protocol, true);
  }
}
