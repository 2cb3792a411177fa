package io.sp4j.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The socket's single writer: a sender for one write, or the event loop, or nobody once closed. */
class WriteOwnerTest {
  @Test
  void aSenderTakesTheSocketOnlyWhenNobodyHasIt() {
    WriteOwner owner = new WriteOwner();
    assertThat(owner.loopHolds()).isTrue();
    assertThat(owner.takeForCaller()).as("the event loop holds it at first").isFalse();
    owner.loopReleases();
    assertThat(owner.takeForCaller()).isTrue();
    assertThat(owner.takeForCaller()).as("one sender at a time").isFalse();
    owner.callerDone();
    assertThat(owner.takeForCaller()).isTrue();
    owner.callerHandsToLoop();
    assertThat(owner.loopHolds()).isTrue();
    assertThat(owner.takeForCaller()).isFalse();
  }

  @Test
  void theEventLoopWaitsOutASendersWriteThenHoldsTheSocket() throws Exception {
    WriteOwner owner = new WriteOwner();
    owner.loopReleases();
    assertThat(owner.takeForCaller()).isTrue();
    CompletableFuture<Void> loop = CompletableFuture.runAsync(owner::takeForLoop);
    await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2)).until(() -> !loop.isDone());
    owner.callerDone();
    loop.get(5, TimeUnit.SECONDS);
    assertThat(owner.loopHolds()).isTrue();
    assertThat(owner.takeForCaller()).isFalse();
  }

  @Test
  void closingWaitsOutASendersWriteAndEndsDirectWritesForGood() throws Exception {
    WriteOwner owner = new WriteOwner();
    owner.loopReleases();
    assertThat(owner.takeForCaller()).isTrue();
    CountDownLatch closing = new CountDownLatch(1);
    CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
      closing.countDown();
      owner.close();
    });
    assertThat(closing.await(5, TimeUnit.SECONDS)).isTrue();
    await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2)).until(() -> !closed.isDone());
    owner.callerDone();
    closed.get(5, TimeUnit.SECONDS);
    owner.loopReleases();
    assertThat(owner.takeForCaller()).isFalse();
    assertThat(owner.loopHolds()).isFalse();
    owner.takeForLoop(); // returns at once: the event loop may still write its goodbye
  }
}
