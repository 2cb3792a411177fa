package io.sp4j.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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

  /**
   * A sender takes the socket, then {@code eventLoopStep} runs on another thread: it must stay
   * blocked while the sender holds the socket and finish once the sender is done.
   */
  private static WriteOwner waitsOutASender(Consumer<WriteOwner> eventLoopStep) throws Exception {
    WriteOwner owner = new WriteOwner();
    owner.loopReleases();
    assertThat(owner.takeForCaller()).isTrue();
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Void> step = CompletableFuture.runAsync(() -> {
      started.countDown();
      eventLoopStep.accept(owner);
    });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2)).until(() -> !step.isDone());
    owner.callerDone();
    step.get(5, TimeUnit.SECONDS);
    return owner;
  }

  @Test
  void theEventLoopWaitsOutASendersWriteThenHoldsTheSocket() throws Exception {
    WriteOwner owner = waitsOutASender(WriteOwner::takeForLoop);
    assertThat(owner.loopHolds()).isTrue();
    assertThat(owner.takeForCaller()).isFalse();
  }

  @Test
  void closingWaitsOutASendersWriteAndEndsDirectWritesForGood() throws Exception {
    WriteOwner owner = waitsOutASender(WriteOwner::close);
    owner.loopReleases();
    assertThat(owner.takeForCaller()).isFalse();
    assertThat(owner.loopHolds()).isFalse();
    owner.takeForLoop(); // returns at once: the event loop may still write its goodbye
  }
}
