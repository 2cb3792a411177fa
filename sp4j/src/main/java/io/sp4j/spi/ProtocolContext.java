package io.sp4j.spi;

import java.util.function.IntSupplier;

/**
 * What the socket core gives a protocol engine.
 *
 * @param receiveQueue the socket's queue; the core fills it with what {@link
 *     ProtocolEngine#received} returns, the engine takes from it in {@link ProtocolEngine#receive}
 * @param scheduler timers (run under the socket's lock)
 * @param settings the socket's current option values (e.g. MAX_TTL)
 * @param random random 32-bit values (request and survey id seeds)
 */
public record ProtocolContext(
    ReceiveQueue receiveQueue, Scheduler scheduler, Settings settings, IntSupplier random) {}
