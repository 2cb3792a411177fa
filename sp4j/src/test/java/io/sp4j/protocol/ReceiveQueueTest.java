package io.sp4j.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.Message;
import io.sp4j.core.MemoryBudget;
import io.sp4j.core.PriorityReceiveQueue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The socket's receive queue, as the protocols rely on it: back-pressure and priority order. */
class ReceiveQueueTest {

  private static Message bytes(int size) {
    return Message.of(new byte[size]);
  }

  private static Message text(String body) {
    return Message.of(body.getBytes(UTF_8));
  }

  @Test
  @DisplayName("the pipe that fills the queue to its limit is told to stop reading; others are not")
  void suspendsAtLimit() {
    PriorityReceiveQueue queue = new PriorityReceiveQueue(10);
    MockPipe a = new MockPipe(1);
    MockPipe b = new MockPipe(2);

    queue.add(a, bytes(6));
    assertThat(a.isSuspended()).isFalse();
    queue.add(b, bytes(4));

    assertThat(b.isSuspended()).isTrue();
    assertThat(a.isSuspended()).isFalse();
    assertThat(queue.bytes()).isEqualTo(10);
    assertThat(queue.size()).isEqualTo(2);
  }

  @Test
  @DisplayName("a suspended pipe is suspended once, however many messages it still delivers")
  void suspendsOnce() {
    PriorityReceiveQueue queue = new PriorityReceiveQueue(4);
    MockPipe pipe = new MockPipe(1);

    queue.add(pipe, bytes(4));
    queue.add(pipe, bytes(4));
    queue.add(pipe, bytes(4));

    assertThat(pipe.suspendCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("every suspended pipe resumes once the queue drains below the limit")
  void resumesWhenDrained() {
    PriorityReceiveQueue queue = new PriorityReceiveQueue(10);
    MockPipe a = new MockPipe(1);
    MockPipe b = new MockPipe(2);
    queue.add(a, bytes(10));
    queue.add(b, bytes(10));
    assertThat(a.isSuspended()).isTrue();
    assertThat(b.isSuspended()).isTrue();

    queue.poll();
    assertThat(a.isSuspended()).isTrue(); // 10 bytes still queued: not below the limit

    queue.poll();
    assertThat(a.isSuspended()).isFalse();
    assertThat(b.isSuspended()).isFalse();
    assertThat(a.resumeCount()).isEqualTo(1);
    assertThat(b.resumeCount()).isEqualTo(1);
    assertThat(queue.isEmpty()).isTrue();
  }

  @Test
  @DisplayName("a forgotten (closed) pipe is not resumed")
  void forgottenNotResumed() {
    PriorityReceiveQueue queue = new PriorityReceiveQueue(1);
    MockPipe pipe = new MockPipe(1);
    queue.add(pipe, bytes(5));

    queue.forget(pipe);
    Message message = queue.poll();

    assertThat(message.size()).isEqualTo(5);
    assertThat(pipe.resumeCount()).isZero();
  }

  @Test
  @DisplayName("raising the limit above what is queued resumes suspended pipes at once")
  void raisingLimitResumes() {
    PriorityReceiveQueue queue = new PriorityReceiveQueue(4);
    MockPipe pipe = new MockPipe(1);
    queue.add(pipe, bytes(8));

    queue.setLimit(100);

    assertThat(pipe.isSuspended()).isFalse();
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  @DisplayName("higher receive priority (1) comes out first; arrival order within a priority")
  void priorityOrder() {
    PriorityReceiveQueue queue = new PriorityReceiveQueue(1 << 20);
    MockPipe lowest = new MockPipe(1).receivePriority(16);
    MockPipe normal = new MockPipe(2).receivePriority(8);
    MockPipe highest = new MockPipe(3).receivePriority(1);

    queue.add(lowest, text("z1"));
    queue.add(normal, text("n1"));
    queue.add(highest, text("a1"));
    queue.add(normal, text("n2"));
    queue.add(lowest, text("z2"));
    queue.add(highest, text("a2"));

    List<String> order = new ArrayList<>();
    for (Message m = queue.poll(); m != null; m = queue.poll()) {
      order.add(new String(m.body(), UTF_8));
    }
    assertThat(order).containsExactly("a1", "a2", "n1", "n2", "z1", "z2");
    assertThat(queue.bytes()).isZero();
  }

  @Test
  @DisplayName("a higher priority that arrives after lower ones were taken still comes out first")
  void higherPriorityArrivingLateJumpsTheQueue() {
    PriorityReceiveQueue queue = new PriorityReceiveQueue(1 << 20);
    MockPipe lowest = new MockPipe(1).receivePriority(16);
    MockPipe highest = new MockPipe(2).receivePriority(1);
    queue.add(lowest, text("z1"));
    queue.add(lowest, text("z2"));
    assertThat(new String(queue.poll().body(), UTF_8)).isEqualTo("z1");

    queue.add(highest, text("a1"));

    assertThat(new String(queue.poll().body(), UTF_8)).isEqualTo("a1");
    assertThat(new String(queue.poll().body(), UTF_8)).isEqualTo("z2");
    assertThat(queue.poll()).isNull();
  }

  @Test
  @DisplayName("clear drops everything and forgets suspended pipes")
  void clear() {
    PriorityReceiveQueue queue = new PriorityReceiveQueue(2);
    MockPipe pipe = new MockPipe(1);
    queue.add(pipe, bytes(3));

    queue.clear();

    assertThat(queue.isEmpty()).isTrue();
    assertThat(queue.poll()).isNull();
    queue.setLimit(100);
    assertThat(pipe.resumeCount()).isZero();
  }

  @Test
  @DisplayName(
      "what a remote pipe adds beyond the limit is reserved from the budget, and refused past it")
  void beyondTheLimitRemotePipesDrawOnTheBudget() {
    MemoryBudget budget = MemoryBudget.standalone(100);
    PriorityReceiveQueue queue = new PriorityReceiveQueue(10, budget);
    MockPipe pipe = new MockPipe(1).remote();

    assertThat(queue.add(pipe, bytes(10))).isTrue();
    assertThat(budget.used()).as("within the limit: the socket's own").isZero();
    assertThat(queue.add(pipe, bytes(60))).isTrue();
    assertThat(budget.used()).isEqualTo(60);
    assertThat(queue.add(pipe, bytes(50))).as("110 beyond the limit").isFalse();
    assertThat(queue.bytes()).isEqualTo(70);
    assertThat(queue.add(pipe, bytes(40))).isTrue();
    assertThat(budget.used()).isEqualTo(100);

    queue.poll();
    assertThat(budget.used()).isEqualTo(90);
    queue.clear();
    assertThat(budget.used()).isZero();
  }

  @Test
  @DisplayName("local pipes are only counted against the budget, never refused")
  void localPipesAreCountedNotRefused() {
    MemoryBudget budget = MemoryBudget.standalone(5);
    PriorityReceiveQueue queue = new PriorityReceiveQueue(10, budget);
    MockPipe local = new MockPipe(1);
    MockPipe remote = new MockPipe(2).remote();

    assertThat(queue.add(local, bytes(30))).isTrue();
    assertThat(budget.used()).isEqualTo(20);
    assertThat(queue.add(remote, bytes(1))).as("the budget is spent").isFalse();
    queue.poll();
    assertThat(budget.used()).isZero();
    assertThat(queue.add(remote, bytes(12))).isTrue();
    assertThat(budget.used()).isEqualTo(2);
  }

  @Test
  @DisplayName("a lower limit counts what is now beyond it; a higher one gives it back")
  void changingTheLimitMovesWhatIsReserved() {
    MemoryBudget budget = MemoryBudget.standalone(1000);
    PriorityReceiveQueue queue = new PriorityReceiveQueue(100, budget);
    queue.add(new MockPipe(1).remote(), bytes(80));
    queue.setLimit(50);
    assertThat(budget.used()).isEqualTo(30);
    queue.setLimit(200);
    assertThat(budget.used()).isZero();
  }
}
