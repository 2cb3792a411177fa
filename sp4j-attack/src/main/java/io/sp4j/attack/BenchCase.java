package io.sp4j.attack;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * One row group of the bench: an attack at its long size, the schemes it applies to, the sp4j
 * options it runs with (the C tools run with their defaults), and how long it may run its course.
 */
public record BenchCase(
    String title,
    List<Scheme> schemes,
    List<String> sp4jOptions,
    Duration endMax,
    Function<AttackAddress, Attack> attack) {

  /** How long held connections are kept before the bench closes them itself. */
  static final Duration HOLD = Duration.ofSeconds(15);

  /** The long versions of every attack, as the tests run them short. */
  static List<BenchCase> all(long seed) {
    List<Scheme> both = List.of(Scheme.TCP, Scheme.WS);
    return List.of(
        new BenchCase(
            "slow max-size messages: 400 connections announce 1 MiB, send 14 bytes or less",
            both,
            List.of(),
            HOLD,
            a -> new SlowMaxSizeAttack(a, 400, SlowMaxSizeAttack.ONE_MIB, 0)),
        new BenchCase(
            "slow max-size messages: 400 connections announce 1 MiB, every other one sends 1 KiB of it",
            both,
            List.of(),
            HOLD,
            a -> new SlowMaxSizeAttack(a, 400, SlowMaxSizeAttack.ONE_MIB, 1024)),
        new BenchCase(
            "huge announced message, limit off (sp4j; the C tools keep their default): 400 connections"
                + " announce 1 GiB (tcp) / 2^31-1 (ws), every other one sends 1 KiB",
            both,
            List.of("RECEIVE_MAX_SIZE=-1"),
            HOLD,
            a ->
                new SlowMaxSizeAttack(
                    a, 400, a.scheme() == Scheme.TCP ? 1L << 30 : Integer.MAX_VALUE, 1024)),
        new BenchCase(
            "ping flood for 7 s from a client that never reads",
            List.of(Scheme.WS),
            List.of(),
            Duration.ofSeconds(20),
            a -> new PingFloodAttack(a, Duration.ofSeconds(7))),
        new BenchCase(
            "slow-loris: 400 openings sent a byte every 200 ms",
            both,
            List.of(),
            HOLD,
            a -> new SlowLorisAttack(a, 400, Duration.ofMillis(200))),
        new BenchCase(
            "2,000 connects at once, then nothing",
            both,
            List.of(),
            HOLD,
            a -> new HalfOpenStormAttack(a, 2000, false, Duration.ofSeconds(10))),
        new BenchCase(
            "2,000 connects at once, then every other one half of its opening",
            both,
            List.of(),
            HOLD,
            a -> new HalfOpenStormAttack(a, 2000, true, Duration.ofSeconds(10))),
        new BenchCase(
            "5,000 connect/close cycles (every other one handshakes, every third resets)",
            both,
            List.of(),
            Duration.ofSeconds(10),
            a -> new ConnectCloseCycles(a, 5000, 2, 3)),
        new BenchCase(
            "garbage and mutated traffic for 30 s, 2 connections at a time (seed " + seed + ")",
            both,
            List.of(),
            Duration.ofSeconds(45),
            a -> new GarbageAttack(a, Duration.ofSeconds(30), 2, 1_000_000, seed)),
        new BenchCase(
            "10 peers killed (SIGKILL) after half of a 64 KiB message",
            both,
            List.of(),
            Duration.ofSeconds(10),
            a -> new KilledPeersAttack(a, 10, Duration.ofSeconds(30))));
  }
}
