package io.sp4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sp4j.Protocol;
import io.sp4j.spi.PollableSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A socket's readiness listeners: told of arrivals, peers, receives and close, always after the
 * socket's lock is released (so a listener can look at the socket from any thread), and no more
 * once unregistered.
 */
class ReadinessTest {
  private static final Duration DEADLINE = Duration.ofSeconds(5);
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private final List<PollableSocket> open = new ArrayList<>();

  @AfterEach
  void closeAll() {
    open.forEach(PollableSocket::close);
  }

  private PollableSocket socket(Protocol protocol) {
    PollableSocket socket = new CoreSocketProvider().open(protocol, false);
    open.add(socket);
    return socket;
  }

  private static String address() {
    return "inproc://readiness-" + COUNTER.incrementAndGet();
  }

  @Test
  void listenersRunAfterTheLockIsReleased() {
    PollableSocket receiver = socket(Protocol.PAIR);
    PollableSocket sender = socket(Protocol.PAIR);
    List<Boolean> lookedFromElsewhere = new CopyOnWriteArrayList<>();
    receiver.watchReadiness(
        () -> {
          // Another thread can take the receiver's lock only if the notifying thread does not hold
          // it.
          CompletableFuture<Boolean> look = CompletableFuture.supplyAsync(receiver::readyToReceive);
          try {
            lookedFromElsewhere.add(look.get(1, TimeUnit.SECONDS) != null);
          } catch (TimeoutException e) {
            lookedFromElsewhere.add(false);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
    String addr = address();
    receiver.bind(addr);
    sender.connect(addr);
    sender.send(new byte[] {1});
    await().atMost(DEADLINE).until(receiver::readyToReceive);
    assertThat(lookedFromElsewhere).isNotEmpty().containsOnly(true);
  }

  @Test
  void aReceiveTellsThatAReplierCanSend() {
    PollableSocket rep = socket(Protocol.REP);
    PollableSocket req = socket(Protocol.REQ);
    String addr = address();
    rep.bind(addr);
    req.connect(addr);
    req.send(new byte[] {1});
    await().atMost(DEADLINE).until(rep::readyToReceive);
    AtomicInteger told = new AtomicInteger();
    rep.watchReadiness(told::incrementAndGet);
    assertThat(rep.readyToSend()).isFalse();
    rep.receive();
    assertThat(told.get()).as("listeners told by the receive").isPositive();
    assertThat(rep.readyToSend()).isTrue();
  }

  @Test
  void closeTellsAndAnUnwatchedListenerHearsNoMore() {
    PollableSocket watched = socket(Protocol.PAIR);
    PollableSocket peer = socket(Protocol.PAIR);
    AtomicInteger told = new AtomicInteger();
    Runnable unwatch = watched.watchReadiness(told::incrementAndGet);
    String addr = address();
    watched.bind(addr);
    peer.connect(addr);
    await().atMost(DEADLINE).until(() -> told.get() > 0); // the peer's pipe arrived
    unwatch.run();
    int before = told.get();
    peer.send(new byte[] {1});
    await().atMost(DEADLINE).until(watched::readyToReceive);
    assertThat(told.get()).as("after unwatching").isEqualTo(before);

    AtomicInteger closing = new AtomicInteger();
    watched.watchReadiness(closing::incrementAndGet);
    watched.close();
    assertThat(closing.get()).as("told of the close").isPositive();
    assertThat(watched.readyToReceive()).isFalse();
  }

  @Test
  void manyChangesUnderOneLockAreToldOnceAfterIt() {
    ReentrantLock lock = new ReentrantLock();
    List<Runnable> queued = new ArrayList<>();
    ReadinessListeners listeners = new ReadinessListeners(lock, queued::add);
    AtomicInteger told = new AtomicInteger();
    listeners.add(told::incrementAndGet);
    lock.lock();
    try {
      listeners.changed();
      listeners.changed();
      listeners.changed();
      assertThat(told.get()).as("while the lock is held").isZero();
    } finally {
      lock.unlock();
    }
    assertThat(queued).hasSize(1);
    queued.forEach(Runnable::run);
    assertThat(told.get()).isEqualTo(1);
    lock.lock();
    try {
      listeners.changed();
    } finally {
      lock.unlock();
    }
    assertThat(queued).as("a change after the notice ran queues another").hasSize(2);
  }
}
