package io.sp4j;

import static io.sp4j.SocketPair.bytes;
import static io.sp4j.SocketPair.receiveText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** {@link BlockedCall} tells a call parked on a condition from one still queued for the lock. */
class BlockedCallTest {

  /**
   * The socket's shape (one ReentrantLock, calls wait on its conditions), with the lock in the
   * test's hand.
   */
  @Test
  void aCallQueuedForTheLockIsNotWaitingUntilItParksOnTheCondition() {
    ReentrantLock lock = new ReentrantLock();
    Condition ready = lock.newCondition();
    boolean[] signalled = {false};
    BlockedCall call;
    lock.lock();
    try {
      call =
          BlockedCall.start(
              "queued",
              () -> {
                lock.lock();
                try {
                  for (int i = 0; i < 1_000 && !signalled[0]; i++) {
                    ready.await();
                  }
                  return signalled[0];
                } finally {
                  lock.unlock();
                }
              });
      await().atMost(BlockedCall.DEADLINE).until(() -> lock.hasQueuedThreads());
      assertThat(call.isWaiting()).as("queued for the lock, not parked on the condition").isFalse();
    } finally {
      lock.unlock();
    }
    await().atMost(BlockedCall.DEADLINE).until(call::isWaiting);
    lock.lock();
    try {
      assertThat(lock.hasWaiters(ready)).as("waiting means on the condition's queue").isTrue();
      signalled[0] = true;
      ready.signalAll();
    } finally {
      lock.unlock();
    }
    call.assertReturned(true);
  }

  @Test
  void aReceiveWithNothingQueuedIsWaitingAndAMessageEndsIt() {
    try (SocketPair pair = SocketPair.open(Protocol.PULL, Protocol.PUSH)) {
      BlockedCall receiver = BlockedCall.start("receiver", () -> receiveText(pair.bound()));
      await().atMost(BlockedCall.DEADLINE).until(receiver::isWaiting);
      pair.connected().send(bytes("now"));
      receiver.assertReturned("now");
    }
  }
}
