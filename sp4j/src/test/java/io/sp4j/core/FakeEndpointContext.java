package io.sp4j.core;

import io.sp4j.Message;
import io.sp4j.Option;
import io.sp4j.Protocol;
import io.sp4j.Refusal;
import io.sp4j.SpException;
import io.sp4j.spi.Clock;
import io.sp4j.spi.Connection;
import io.sp4j.spi.EndpointContext;
import io.sp4j.spi.PipeEvents;
import io.sp4j.spi.Scheduler;
import io.sp4j.testing.ManualTime;
import io.sp4j.testing.RecordingPipeEvents;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The socket side of a transport, for transport tests: options from a map (defaults otherwise), and
 * a record of what the transport did: connections attached, messages delivered (every connection
 * into one {@link RecordingPipeEvents}), closes, refusals and failures. Thread-safe enough for
 * event-loop callbacks read by the test thread.
 */
public final class FakeEndpointContext implements EndpointContext {
  private final Protocol protocol;
  private final Map<Option<?>, Object> values = new HashMap<>();
  private Scheduler timers = SharedTimers.INSTANCE;
  private Clock clock = Clock.SYSTEM;
  private MemoryBudget budget = MemoryBudget.standalone(Long.MAX_VALUE);
  private volatile boolean refuseAttach;

  private final RecordingPipeEvents events = new RecordingPipeEvents();
  public final List<Connection> attached = new CopyOnWriteArrayList<>();

  /** What the connections delivered, oldest first. */
  public final List<Message> delivered = events.delivered();

  public final Map<Refusal, Integer> refusals = new ConcurrentHashMap<>();
  public volatile Protocol peer;
  public volatile SpException failure;

  public FakeEndpointContext(Protocol protocol) {
    this.protocol = protocol;
  }

  /** Sets an option the transport will read. */
  public <T> FakeEndpointContext with(Option<T> option, T value) {
    values.put(option, value);
    return this;
  }

  public FakeEndpointContext withTimers(Scheduler scheduler) {
    this.timers = scheduler;
    return this;
  }

  /** Timers and clock from one manual time. */
  public FakeEndpointContext withTime(ManualTime time) {
    this.timers = time;
    this.clock = time;
    return this;
  }

  public FakeEndpointContext withBudget(MemoryBudget receiveBudget) {
    this.budget = receiveBudget;
    return this;
  }

  /** From now on the socket refuses every connection offered (a closed socket, a taken PAIR). */
  public FakeEndpointContext refusingConnections() {
    refuseAttach = true;
    return this;
  }

  @Override
  public Protocol protocol() {
    return protocol;
  }

  @Override
  public <T> T option(Option<T> option) {
    return values.containsKey(option)
        ? option.type().cast(values.get(option))
        : option.defaultValue();
  }

  @Override
  public Scheduler timers() {
    return timers;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public PipeEvents attach(Connection connection, Protocol peerProtocol) {
    if (refuseAttach) {
      return null;
    }
    attached.add(connection);
    peer = peerProtocol;
    return events;
  }

  /** Whether a connection told the socket side it closed. */
  public boolean isClosed() {
    return events.isClosed();
  }

  @Override
  public MemoryBudget receiveBudget() {
    return budget;
  }

  @Override
  public void refused(Refusal reason, String detail) {
    refusals.merge(reason, 1, Integer::sum);
  }

  @Override
  public void failed(SpException cause) {
    failure = cause;
  }
}
