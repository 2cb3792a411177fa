package io.sp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many sockets and many messages leave nothing behind: once every socket is closed, no sp4j thread
 * lives on (the shared timer thread ends after a second idle), no socket stays reachable from a
 * transport's tables or a timer, and the heap is back near where it started.
 */
class SoakTest {
  private static final int SOCKETS = 10_000;
  private static final int MESSAGES = 1_000_000;
  private static final int PARALLEL_PAIRS = 4;
  private static final long HEAP_SLACK = 48L * 1024 * 1024;

  @Test
  void tenThousandSocketsAndAMillionMessagesLeakNothing() throws Exception {
    long baseline = usedHeapAfterGc();
    List<Thread> networkThreadsBefore = networkIoThreads();
    List<WeakReference<Socket>> opened = new ArrayList<>();

    openAndCloseManySockets(opened);
    moveManyMessages(opened);

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () ->
                assertThat(sp4jThreads(networkThreadsBefore))
                    .as("sp4j threads still alive")
                    .isEmpty());
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              long used = usedHeapAfterGc();
              assertThat(opened.stream().filter(ref -> ref.get() != null).count())
                  .as("sockets still reachable after close")
                  .isZero();
              assertThat(used)
                  .as("heap in use after GC vs. baseline %d", baseline)
                  .isLessThan(baseline + HEAP_SLACK);
            });
  }

  /**
   * 10,000 sockets, in pairs over every pattern (cooked and raw), each pair exchanging messages;
   * every 10th pair also leaves a connect to a name nobody binds, which must not keep it alive.
   */
  private static void openAndCloseManySockets(List<WeakReference<Socket>> opened) {
    PatternDeliveryTest.Pattern[] patterns = PatternDeliveryTest.Pattern.values();
    for (int i = 0; i < SOCKETS / 2; i++) {
      PatternDeliveryTest.Pattern pattern = patterns[i % patterns.length];
      boolean raw = (i / patterns.length) % 2 == 1;
      try (SocketPair pair = SocketPair.open(pattern.asker, pattern.answerer, raw)) {
        opened.add(new WeakReference<>(pair.bound()));
        opened.add(new WeakReference<>(pair.connected()));
        if (i % 10 == 0) {
          pair.connected().connect(SocketPair.uniqueUrl());
        }
        pattern.exchange(pair.bound(), pair.connected(), raw);
      }
    }
  }

  /** A million small messages PUSH to PULL over a few pairs at once, checked in order. */
  private static void moveManyMessages(List<WeakReference<Socket>> opened) throws Exception {
    int perPair = MESSAGES / PARALLEL_PAIRS;
    ExecutorService threads = Executors.newFixedThreadPool(2 * PARALLEL_PAIRS);
    List<SocketPair> pairs = new ArrayList<>();
    try {
      List<Future<?>> sent = new ArrayList<>();
      List<Future<Integer>> received = new ArrayList<>();
      for (int p = 0; p < PARALLEL_PAIRS; p++) {
        SocketPair pair = SocketPair.open(Protocol.PULL, Protocol.PUSH);
        pairs.add(pair);
        opened.add(new WeakReference<>(pair.bound()));
        opened.add(new WeakReference<>(pair.connected()));
        Socket push = pair.connected();
        Socket pull = pair.bound();
        sent.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < perPair; i++) {
                    push.send(ByteBuffer.allocate(4).putInt(i).array());
                  }
                  return null;
                }));
        received.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < perPair; i++) {
                    int got = ByteBuffer.wrap(pull.receive()).getInt();
                    if (got != i) {
                      throw new AssertionError("expected message " + i + ", got " + got);
                    }
                  }
                  return perPair;
                }));
      }
      for (Future<?> sender : sent) {
        sender.get(
            60, TimeUnit.SECONDS); // a failed send shows here, not as a receiver waiting in vain
      }
      int total = 0;
      for (Future<Integer> count : received) {
        total += count.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(MESSAGES);
    } finally {
      pairs.forEach(SocketPair::close);
      threads.shutdownNow();
      assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  /**
   * Live sp4j threads, except the network transports' event-loop threads that were already running
   * before the test: that group lives as long as the process once a network socket used it (an
   * earlier test class in this JVM), and this test uses {@code inproc://} only.
   */
  private static List<String> sp4jThreads(List<Thread> allowed) {
    List<String> names = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.isAlive() && thread.getName().startsWith("sp4j-") && !allowed.contains(thread)) {
        names.add(thread.getName());
      }
    }
    return names;
  }

  private static List<Thread> networkIoThreads() {
    List<Thread> threads = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("sp4j-io-")) {
        threads.add(thread);
      }
    }
    return threads;
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
