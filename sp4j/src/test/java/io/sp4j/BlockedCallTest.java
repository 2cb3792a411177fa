package io.sp4j;

import static io.sp4j.SocketPair.bytes;
import static io.sp4j.SocketPair.receiveText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sp4j.core.CoreSocket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import org.junit.jupiter.api.Test;

/** {@link BlockedCall} tells a call parked on the socket's condition from one queued for its lock. */
class BlockedCallTest {

  @Test
  void aReceiveQueuedForTheSocketsLockIsNotWaitingUntilItParksOnTheCondition() throws InterruptedException {
    try (SocketPair pair = SocketPair.open(Protocol.PULL, Protocol.PUSH)) {
      Socket pull = pair.bound();
      AtomicBoolean hold = new AtomicBoolean(true);
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      // Readiness watchers run under the socket's lock: this one keeps it while the test looks.
      Runnable unwatch = ((CoreSocket) pull).watchReadiness(() -> {
        if (hold.getAndSet(false)) {
          holding.countDown();
          try {
            release.await(BlockedCall.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      });
      try {
        BlockedCall sender = BlockedCall.start("sender", () -> pair.connected().send(bytes("first")));
        assertThat(holding.await(BlockedCall.DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        BlockedCall queued = BlockedCall.start("queued-receiver", () -> receiveText(pull));
        await().atMost(BlockedCall.DEADLINE).until(() -> queued.blocker() instanceof AbstractQueuedSynchronizer);
        assertThat(queued.isWaiting()).as("queued for the lock, not parked on the condition").isFalse();
        release.countDown();
        queued.assertReturned("first");
        sender.assertReturned("returned");

        BlockedCall parked = BlockedCall.start("parked-receiver", () -> receiveText(pull));
        await().atMost(BlockedCall.DEADLINE).until(parked::isWaiting);
        pair.connected().send(bytes("second"));
        parked.assertReturned("second");
      } finally {
        release.countDown();
        unwatch.run();
      }
    }
  }
}
