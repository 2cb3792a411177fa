package io.sp4j.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.Message;
import io.sp4j.Option;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.core.PriorityReceiveQueue;
import io.sp4j.spi.ProtocolContext;
import io.sp4j.spi.ProtocolEngine;
import io.sp4j.testing.ManualTime;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.function.IntSupplier;

/**
 * One protocol engine with everything the socket core would give it, but nothing running: a {@link
 * PriorityReceiveQueue}, a {@link ManualTime} as its scheduler, settings from a map (defaults from
 * {@link Options}) and a deterministic random. {@link #arrive} does what the core does when a pipe
 * delivers a message: hand it to the engine and queue what comes back.
 */
final class ProtocolHarness {
  /**
   * What {@link #random()} returns unless a test asks otherwise: REQ/SURVEYOR ids start above it.
   */
  static final int SEED = 0x1234_5677;

  /** The first REQ/SURVEYOR id made from {@link #SEED}: (seed + 1) with the top bit set. */
  static final int FIRST_ID = 0x9234_5678;

  final Protocol protocol;
  final boolean raw;
  final ManualTime time = new ManualTime();
  final PriorityReceiveQueue queue;
  final ProtocolEngine engine;
  private final Map<Option<?>, Object> settings = new HashMap<>();

  private ProtocolHarness(Protocol protocol, boolean raw, IntSupplier random) {
    this.protocol = protocol;
    this.raw = raw;
    this.queue = new PriorityReceiveQueue(Options.RECEIVE_BUFFER.defaultValue());
    this.engine =
        Protocols.engine(protocol, raw, new ProtocolContext(queue, time, this::setting, random));
  }

  static ProtocolHarness cooked(Protocol protocol) {
    return new ProtocolHarness(protocol, false, () -> SEED);
  }

  static ProtocolHarness raw(Protocol protocol) {
    return new ProtocolHarness(protocol, true, () -> SEED);
  }

  static ProtocolHarness of(Protocol protocol, boolean raw) {
    return new ProtocolHarness(protocol, raw, () -> SEED);
  }

  /** A cooked engine whose random source yields {@code seed}. */
  static ProtocolHarness seeded(Protocol protocol, int seed) {
    return new ProtocolHarness(protocol, false, () -> seed);
  }

  /** A random source that is deterministic but not constant. */
  static IntSupplier random() {
    return new Random(42)::nextInt;
  }

  /** Changes a socket-level setting the engine reads (e.g. MAX_TTL). */
  <T> ProtocolHarness set(Option<T> option, T value) {
    settings.put(option, option.validate(value));
    return this;
  }

  private <T> T setting(Option<T> option) {
    return option.type().cast(settings.getOrDefault(option, option.defaultValue()));
  }

  // ---- pipes

  /** A new pipe with default priorities, added to the engine, which must accept it. */
  MockPipe connect(int id) {
    return connect(new MockPipe(id));
  }

  MockPipe connect(MockPipe pipe) {
    assertThat(engine.addPipe(pipe)).as("%s accepts %s", protocol, pipe).isTrue();
    return pipe;
  }

  void disconnect(MockPipe pipe) {
    pipe.close();
    engine.removePipe(pipe);
  }

  // ---- traffic

  /**
   * Bytes arrive on {@code pipe} as from a network transport (header and body joined in the body);
   * the engine's result is queued like the core does.
   *
   * @return whether the engine kept the message
   */
  boolean arrive(MockPipe pipe, byte[] wire) {
    return arrive(pipe, Message.of(wire));
  }

  /** A message arrives as from {@code inproc://}, with its sender's header/body split. */
  boolean arrive(MockPipe pipe, Message message) {
    Message queued = engine.received(pipe, message);
    if (queued != null) {
      queue.add(pipe, queued);
    }
    return queued != null;
  }

  boolean send(byte[] body) {
    return engine.send(Message.of(body));
  }

  boolean send(String body) {
    return send(utf8(body));
  }

  boolean send(Message message) {
    return engine.send(message);
  }

  /** The engine's next message for the user, or {@code null}. */
  Message receive() {
    return engine.receive();
  }

  // ---- bytes

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Bytes from hex text; spaces are ignored: {@code hex("c8 44 e3 1d")}. */
  static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replace(" ", ""));
  }

  /** Bytes as spaced hex, for readable assertion messages: {@code "c8 44 e3 1d"}. */
  static String hex(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").formatHex(bytes);
  }

  /** A 32-bit big-endian word. */
  static byte[] word(int value) {
    return new byte[] {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** {@code hops} hop words (MSB clear: 1, 2, ...) followed by the bottom word {@code id}. */
  static byte[] backtrace(int hops, int id) {
    byte[][] words = new byte[hops + 1][];
    for (int i = 0; i < hops; i++) {
      words[i] = word(i + 1);
    }
    words[hops] = word(id);
    return concat(words);
  }
}
