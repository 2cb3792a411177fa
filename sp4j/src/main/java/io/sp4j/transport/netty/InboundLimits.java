package io.sp4j.transport.netty;

import io.sp4j.Options;
import io.sp4j.Refusal;
import io.sp4j.spi.EndpointContext;
import io.sp4j.spi.ReceiveBudget;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What one connection's receiving side is held to, taken from its socket when it is made.
 *
 * @param budget memory for unfinished messages
 * @param stallTimeout how long a message may go without bytes, {@code null} for ever
 * @param refusals where refusals are counted and logged ({@link EndpointContext#refused})
 * @param time the socket's time, which the stall timeout and the connection's other timers keep
 */
public record InboundLimits(
    ReceiveBudget budget,
    Duration stallTimeout,
    BiConsumer<Refusal, String> refusals,
    ChannelTime time) {

  private static final Recent<InboundLimits, InboundLimits> RECENT = new Recent<>();

  /** The socket's current settings (the same instance for its connections while they hold). */
  public static InboundLimits of(EndpointContext context) {
    return RECENT.get(
        new InboundLimits(
            context.receiveBudget(),
            context.option(Options.RECEIVE_STALL_TIMEOUT),
            new RefusedTo(context),
            ChannelTime.of(context)),
        Function.identity());
  }

  /** Refusals told to a socket: a record, so that two made for one socket are equal. */
  private record RefusedTo(EndpointContext context) implements BiConsumer<Refusal, String> {
    @Override
    public void accept(Refusal reason, String detail) {
      context.refused(reason, detail);
    }
  }

  /**
   * No budget beyond the process's, no stall timeout, refusals not counted, the event loop's time
   * (tests of other behaviour).
   */
  public static InboundLimits none() {
    return new InboundLimits(
        ReceiveBudget.UNLIMITED, null, (reason, detail) -> {}, ChannelTime.EVENT_LOOP);
  }
}
