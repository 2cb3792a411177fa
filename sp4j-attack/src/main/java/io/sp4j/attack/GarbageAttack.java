package io.sp4j.attack;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * For a while, connection after connection sends one piece of {@link Mutations garbage}, waits a
 * moment for the server to close it, and closes (every other one with a reset). Several workers at
 * once, each with its own seeded random source, so a run can be repeated from its seed.
 */
public final class GarbageAttack implements Attack {
  /** How long a connection waits for the server to close it after its garbage. */
  private static final Duration LINGER = Duration.ofMillis(200);

  private final AttackAddress target;
  private final Duration duration;
  private final int workers;
  private final int maxConnections;
  private final long seed;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicInteger started = new AtomicInteger();
  private final LongAdder closedByServer = new LongAdder();
  private final LongAdder failedConnects = new LongAdder();
  private final LongAdder bytesSent = new LongAdder();
  private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();

  /**
   * @param duration how long to go on
   * @param workers connections at the same time
   * @param maxConnections at most this many connections in all
   * @param seed of the random sources (worker i uses seed + i)
   */
  public GarbageAttack(
      AttackAddress target, Duration duration, int workers, int maxConnections, long seed) {
    this.target = target;
    this.duration = duration;
    this.workers = workers;
    this.maxConnections = maxConnections;
    this.seed = seed;
  }

  @Override
  public String name() {
    return "garbage";
  }

  @Override
  public void launch() {
    long deadline = System.nanoTime() + duration.toNanos();
    for (int w = 0; w < workers; w++) {
      Random rnd = new Random(seed + w);
      Thread t = new Thread(() -> work(rnd, deadline), "garbage-" + w);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /** Connects refused in a row after which a worker stops: the target is gone. */
  private static final int GONE_AFTER = 100;

  private void work(Random rnd, long deadline) {
    int refusedInARow = 0;
    while (System.nanoTime() < deadline
        && refusedInARow < GONE_AFTER
        && started.incrementAndGet() <= maxConnections
        && !Thread.currentThread().isInterrupted()) {
      Mutations.Garbage garbage = Mutations.next(rnd, target);
      byKind.computeIfAbsent(garbage.kind(), k -> new LongAdder()).increment();
      RawConnection c;
      try {
        c = RawConnection.connect(target, 0, Duration.ofSeconds(5)).nonBlocking();
      } catch (IOException e) {
        failedConnects.increment();
        refusedInARow++;
        continue;
      }
      refusedInARow = 0;
      try {
        c.write(garbage.bytes());
        bytesSent.add(garbage.bytes().length);
      } catch (IOException e) {
        // the server closed while it was being sent: as good as a close after it
      }
      if (Waits.until(c::closedByPeer, LINGER, Duration.ofMillis(5))) {
        closedByServer.increment();
      }
      if (rnd.nextBoolean()) {
        c.reset();
      } else {
        c.close();
      }
    }
  }

  @Override
  public boolean awaitEnd(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    for (Thread t : threads) {
      t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
    return threads.stream().noneMatch(Thread::isAlive);
  }

  @Override
  public Map<String, Object> results() {
    Map<String, Object> r = new java.util.LinkedHashMap<>();
    r.put("connections", Math.min(started.get(), maxConnections));
    r.put("failedConnects", failedConnects.sum());
    r.put("closedByServer", closedByServer.sum());
    r.put("bytesSent", bytesSent.sum());
    r.put("seed", seed);
    Map<String, Long> kinds = new TreeMap<>();
    byKind.forEach((k, v) -> kinds.put(k, v.sum()));
    r.put("kinds", kinds);
    return r;
  }

  @Override
  public void close() {
    threads.forEach(Thread::interrupt);
  }
}
