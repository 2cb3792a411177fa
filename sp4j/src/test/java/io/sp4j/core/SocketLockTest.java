package io.sp4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Work queued under a socket's lock runs when the outermost hold ends, on that thread; and the
 * lock's ownership checks are live in tests (assertions on, as surefire runs them).
 */
class SocketLockTest {
  private final SocketLock lock = new SocketLock();
  private final List<String> ran = new ArrayList<>();

  @Test
  void queuedWorkRunsWhenTheOutermostHoldEnds() {
    lock.lock();
    lock.lock();
    lock.afterUnlock(() -> ran.add("first, held " + lock.isHeldByCurrentThread()));
    lock.afterUnlock(() -> ran.add("second"));
    assertThat(lock.hasDeferred()).isTrue();
    lock.unlock();
    assertThat(ran).as("an inner release runs nothing").isEmpty();
    lock.unlock();
    assertThat(ran).containsExactly("first, held false", "second");
  }

  @Test
  void withoutTheLockWorkRunsAtOnce() {
    lock.afterUnlock(() -> ran.add("now"));
    assertThat(ran).containsExactly("now");
  }

  @Test
  void askingForQueuedWorkWithoutTheLockFailsItsAssertion() {
    assertThat(SocketLock.class.desiredAssertionStatus()).as("tests run with -ea").isTrue();
    assertThatThrownBy(lock::hasDeferred).isInstanceOf(AssertionError.class);
  }
}
