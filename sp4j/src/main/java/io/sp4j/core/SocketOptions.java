package io.sp4j.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.sp4j.Option;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.spi.ProtocolEngine;
import io.sp4j.spi.Settings;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A socket's options: the core's own ({@link #SOCKET_OPTIONS}), those a transport declares ({@link
 * Transports#declares}), and its protocol engine's; PROTOCOL, PEER_PROTOCOL and RAW are read-only
 * facts of the socket. As {@link Settings} it is what the engine and the transports read.
 */
final class SocketOptions implements Settings {
  /** Options of every socket; transports and protocols declare their own. */
  static final Set<Option<?>> SOCKET_OPTIONS =
      Set.of(
          Options.RECEIVE_TIMEOUT,
          Options.SEND_TIMEOUT,
          Options.LINGER,
          Options.RECONNECT_INTERVAL,
          Options.RECONNECT_INTERVAL_MAX,
          Options.RECEIVE_MAX_SIZE,
          Options.SEND_BUFFER,
          Options.RECEIVE_BUFFER,
          Options.MAX_TTL,
          Options.SEND_PRIORITY,
          Options.RECEIVE_PRIORITY,
          Options.RECEIVE_BUDGET);

  /** What {@link #read} finds for an option never set (a set value may be null). */
  private static final Object UNSET = new Object();

  private final SocketLock lock;
  private final Protocol protocol;
  private final boolean raw;
  private final PriorityReceiveQueue receiveQueue;
  private final MemoryBudget receiveBudget;

  @GuardedBy("lock")
  private final Map<Option<?>, Object> values = new HashMap<>();

  /** The queue and budget follow RECEIVE_BUFFER and RECEIVE_BUDGET. */
  SocketOptions(
      SocketLock lock,
      Protocol protocol,
      boolean raw,
      PriorityReceiveQueue receiveQueue,
      MemoryBudget receiveBudget) {
    this.lock = lock;
    this.protocol = protocol;
    this.raw = raw;
    this.receiveQueue = receiveQueue;
    this.receiveBudget = receiveBudget;
  }

  /** Sets a socket's or its engine's option; {@code engine} is called under the lock. */
  <T> void set(ProtocolEngine engine, Option<T> option, T value) {
    lock.lock();
    try {
      if (!option.isWritable() && has(engine, option)) {
        throw new IllegalArgumentException(option + ": is read-only");
      }
      if (isSocketOption(option)) {
        T valid = option.validate(value);
        values.put(option, valid);
        if (option == Options.RECEIVE_BUFFER) {
          receiveQueue.setLimit((Integer) valid);
        } else if (option == Options.RECEIVE_BUDGET) {
          receiveBudget.setLimit((Long) valid);
        }
      } else if (engine.options().contains(option)) {
        engine.setOption(option, option.validate(value));
      } else {
        throw noSuchOption(option);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Reads a socket's or its engine's option; {@code engine} is called under the lock. */
  <T> T get(ProtocolEngine engine, Option<T> option) {
    if (option == Options.PROTOCOL) {
      return option.type().cast(protocol);
    } else if (option == Options.PEER_PROTOCOL) {
      return option.type().cast(protocol.peer());
    } else if (option == Options.RAW) {
      return option.type().cast(raw);
    }
    lock.lock();
    try {
      if (!option.isReadable() && has(engine, option)) {
        throw new IllegalArgumentException(option + ": is write-only");
      }
      if (isSocketOption(option)) {
        return get(option);
      } else if (engine.options().contains(option)) {
        return engine.getOption(option);
      }
      throw noSuchOption(option);
    } finally {
      lock.unlock();
    }
  }

  /**
   * A socket option's value, as the engine and the transports read it. Sends read it under the
   * lock, which is then not taken again (C1 inlines none of a re-entrant lock's calls).
   */
  @Override
  public <T> T get(Option<T> option) {
    if (lock.isHeldByCurrentThread()) {
      return readHeld(option);
    }
    lock.lock();
    try {
      return read(option);
    } finally {
      lock.unlock();
    }
  }

  /** {@link #read} where the caller tested that the lock is held, which Error Prone cannot see. */
  @SuppressWarnings("GuardedBy")
  private <T> T readHeld(Option<T> option) {
    assert lock.isHeldByCurrentThread();
    return read(option);
  }

  @GuardedBy("lock")
  private <T> T read(Option<T> option) {
    Object value = values.getOrDefault(option, UNSET); // one lookup: this runs on every send
    return value != UNSET ? option.type().cast(value) : option.defaultValue();
  }

  private static boolean has(ProtocolEngine engine, Option<?> option) {
    return isSocketOption(option)
        || engine.options().contains(option)
        || option == Options.PROTOCOL
        || option == Options.PEER_PROTOCOL
        || option == Options.RAW;
  }

  private static boolean isSocketOption(Option<?> option) {
    return SOCKET_OPTIONS.contains(option) || Transports.declares(option);
  }

  private IllegalArgumentException noSuchOption(Option<?> option) {
    return new IllegalArgumentException(
        option + ": " + (raw ? "raw " : "") + protocol + " sockets have no such option");
  }
}
