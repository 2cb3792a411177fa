package io.sp4j.bench.jmh;

import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Each protocol's routing step through the public socket API over {@code inproc://} (no I/O): one
 * message sent on one socket and taken from its peer, so an op is both sides' protocol work (header
 * add/strip, pipe choice, subscription match, request-id routing) plus the socket core (lock,
 * receive queue). REQ/REP is a whole round trip (two messages). Run with {@code -prof gc}: {@code
 * gc.alloc.rate.norm} is bytes allocated per op.
 */
public class RoutingBenchmark extends JmhDefaults {
  private static final AtomicInteger NAMES = new AtomicInteger();

  @Param({"PAIR", "PUSH", "PUB", "REQ", "BUS", "SURVEYOR"})
  public String pattern;

  private Socket sender;
  private Socket receiver;
  private final byte[] body = new byte[64];

  @Setup(Level.Trial)
  public void setUp() {
    Protocol self = Protocol.valueOf(pattern);
    Protocol peer =
        switch (self) {
          case PAIR -> Protocol.PAIR;
          case PUSH -> Protocol.PULL;
          case PUB -> Protocol.SUB;
          case REQ -> Protocol.REP;
          case BUS -> Protocol.BUS;
          case SURVEYOR -> Protocol.RESPONDENT;
          default -> throw new IllegalArgumentException(pattern);
        };
    String url = "inproc://bench-routing-" + NAMES.incrementAndGet();
    receiver = Socket.open(peer);
    sender = Socket.open(self);
    if (peer == Protocol.SUB) {
      receiver.set(Options.SUBSCRIBE, new byte[0]);
    }
    receiver.bind(url);
    sender.connect(url);
    // Wait (bounded by the receive timeout) until a message gets through: the pipe is up.
    receiver.set(Options.RECEIVE_TIMEOUT, Duration.ofMillis(20));
    for (int attempt = 0; ; attempt++) {
      sender.send(body);
      try {
        receiver.receive();
        if (self == Protocol.REQ || self == Protocol.SURVEYOR) {
          receiver.send(body);
          sender.receive();
        }
        break;
      } catch (RuntimeException notYet) {
        if (attempt > 500) {
          throw notYet;
        }
      }
    }
    receiver.set(Options.RECEIVE_TIMEOUT, null);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    sender.close();
    receiver.close();
  }

  /** PAIR, PUSH→PULL, PUB→SUB, BUS→BUS: one message across; REQ, SURVEYOR: a round trip. */
  @Benchmark
  public byte[] step() {
    if (pattern.equals("REQ") || pattern.equals("SURVEYOR")) {
      return roundTrip();
    }
    sender.send(body);
    return receiver.receive();
  }

  private byte[] roundTrip() {
    sender.send(body);
    receiver.receive();
    receiver.send(body);
    return sender.receive();
  }
}
