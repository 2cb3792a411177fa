package io.sp4j.protocol;

import io.sp4j.Message;
import io.sp4j.Option;
import io.sp4j.spi.Pipe;
import io.sp4j.spi.ProtocolContext;
import java.time.Duration;
import java.util.Set;

/**
 * REQ and SURVEYOR: a cooked send opens a new {@link RequestIds id}, only replies to it are kept,
 * and one duration option (resend interval, survey deadline) times it; raw sockets have no option
 * and keep every reply with its first word as the header.
 */
abstract class RequestingProtocol extends BaseProtocol {
  protected final RequestIds ids;
  private final Option<Duration> timing;
  private Duration timingValue;

  RequestingProtocol(ProtocolContext context, boolean raw, String name, Option<Duration> timing) {
    super(context, raw, name);
    this.ids = new RequestIds(context.random().getAsInt());
    this.timing = timing;
    this.timingValue = timing.defaultValue();
  }

  /** The current value of this socket type's duration option. */
  protected final Duration timing() {
    return timingValue;
  }

  @Override
  public final Set<Option<?>> options() {
    return raw ? Set.of() : Set.of(timing);
  }

  @Override
  public final <T> void setOption(Option<T> option, T value) {
    timingValue = (Duration) value;
  }

  @Override
  public final <T> T getOption(Option<T> option) {
    return option.type().cast(timingValue);
  }

  @Override
  public final Message received(Pipe pipe, Message message) {
    return ids.accept(message, raw);
  }
}
