package io.sp4j.core;

import io.sp4j.Protocol;
import io.sp4j.SocketProvider;
import io.sp4j.protocol.Protocols;
import io.sp4j.spi.Clock;
import io.sp4j.spi.PollableSocket;
import io.sp4j.spi.Scheduler;
import java.util.Objects;

/** sp4j's sockets, for {@link io.sp4j.Socket#open} (as a service) and for the nn facade. */
public final class CoreSocketProvider implements SocketProvider {
  private final Clock clock;
  private final Scheduler scheduler;

  /** Made by the service loader (or the nn facade): sockets on the system's time. */
  public CoreSocketProvider() {
    this(Clock.SYSTEM, SharedTimers.INSTANCE);
  }

  /**
   * Sockets whose every deadline, timer and timestamp comes from {@code clock} and {@code
   * scheduler}.
   */
  CoreSocketProvider(Clock clock, Scheduler scheduler) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  /** The scheduler its sockets' timers run on, for other waits that must keep the same time. */
  public Scheduler timers() {
    return scheduler;
  }

  @Override
  public PollableSocket open(Protocol protocol, boolean raw) {
    Objects.requireNonNull(protocol, "protocol");
    return new CoreSocket(
        protocol, raw, context -> Protocols.engine(protocol, raw, context), clock, scheduler);
  }
}
