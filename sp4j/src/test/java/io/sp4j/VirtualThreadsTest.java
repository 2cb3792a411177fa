package io.sp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * Blocking calls park virtual threads without pinning their carriers. Surefire runs the
 * virtual-thread scheduler with two carriers: if a blocked receive pinned its carrier, the third
 * and later threads would never even get to run.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadsTest {
  private static final int PULLS = 10;
  private static final int THREADS = 1_000;
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @Test
  void aThousandVirtualThreadsBlockedInReceiveAllComplete() throws Exception {
    ThreadFactory virtualThreads = virtualThreadFactory();
    try (SocketPair pair = SocketPair.open(Protocol.PUSH, Protocol.PULL)) {
      List<Socket> pulls = new ArrayList<>();
      pulls.add(pair.connected().set(Options.RECEIVE_TIMEOUT, DEADLINE));
      for (int i = 1; i < PULLS; i++) {
        pulls.add(
            pair.connectAnother(
                Socket.open(Protocol.PULL), s -> s.set(Options.RECEIVE_TIMEOUT, DEADLINE)));
      }
      CountDownLatch done = new CountDownLatch(THREADS);
      Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
      Queue<Integer> received = new ConcurrentLinkedQueue<>();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        Socket pull = pulls.get(i % PULLS);
        Thread thread =
            virtualThreads.newThread(
                () -> {
                  try {
                    received.add(ByteBuffer.wrap(pull.receive()).getInt());
                  } catch (Throwable t) {
                    failures.add(t);
                  } finally {
                    done.countDown();
                  }
                });
        threads.add(thread);
        thread.start();
      }
      await()
          .atMost(DEADLINE)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> threads.stream().allMatch(BlockedCall::parkedOnCondition));

      for (int i = 0; i < THREADS; i++) {
        pair.bound().send(ByteBuffer.allocate(4).putInt(i).array());
      }

      assertThat(done.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
          .as("all receives completed")
          .isTrue();
      assertThat(failures).isEmpty();
      assertThat(received).hasSize(THREADS).doesNotHaveDuplicates();
    }
  }

  @Test
  void virtualThreadsBlockedInSendAndReceiveAreWokenByClose() throws Exception {
    ThreadFactory virtualThreads = virtualThreadFactory();
    try (SocketPair pair = SocketPair.open(Protocol.PAIR, Protocol.PAIR)) {
      Socket socket =
          pair.bound().set(Options.RECEIVE_TIMEOUT, null).set(Options.SEND_TIMEOUT, null);
      pair.connected().close();
      CountDownLatch closed = new CountDownLatch(THREADS);
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        Runnable call = i % 2 == 0 ? socket::receive : () -> socket.send(SocketPair.bytes("never"));
        Thread thread =
            virtualThreads.newThread(
                () -> {
                  try {
                    call.run();
                  } catch (SocketClosedException expected) {
                    closed.countDown();
                  }
                });
        threads.add(thread);
        thread.start();
      }
      await()
          .atMost(DEADLINE)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> threads.stream().allMatch(BlockedCall::parkedOnCondition));

      socket.close();

      assertThat(closed.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
          .as("all woken by close")
          .isTrue();
    }
  }

  /** {@code Thread.ofVirtual().factory()}, by reflection: the tests compile for Java 17. */
  private static ThreadFactory virtualThreadFactory() throws ReflectiveOperationException {
    Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
    return (ThreadFactory)
        Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
  }
}
