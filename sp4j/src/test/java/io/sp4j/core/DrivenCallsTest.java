package io.sp4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sp4j.Errno;
import io.sp4j.Message;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.SpException;
import io.sp4j.SpTimeoutException;
import io.sp4j.spi.IoDriver;
import io.sp4j.spi.PollableSocket;
import io.sp4j.testing.DrivingTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A socket whose transport hands it an {@link IoDriver}: its blocking calls run the driver while
 * they wait, with the socket's lock released, until their turn, a timeout, an interrupt or a close
 * ends them; a thread the driver turns away parks and says when its call ends.
 */
class DrivenCallsTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private final List<PollableSocket> open = new ArrayList<>();

  @AfterEach
  void closeAll() {
    open.forEach(PollableSocket::close);
    DrivingTransport.offer = () -> null;
    DrivingTransport.ANSWERED.clear();
  }

  @Test
  void aBlockingReceiveDrivesWithTheLockReleasedUntilItsMessageCame() {
    PollableSocket sender = socket();
    FakeDriver driver =
        new FakeDriver(
            socket -> {
              // Another thread can read an option (under the socket's lock) only if this one does
              // not hold it; then the message comes in from elsewhere while this thread drives.
              CompletableFuture.supplyAsync(() -> socket.get(Options.RECEIVE_TIMEOUT))
                  .get(5, TimeUnit.SECONDS);
              CompletableFuture.runAsync(() -> sender.send(new byte[] {7}));
            });
    PollableSocket receiver = drivenSocket(driver);
    driver.socket = receiver;
    receiver.set(Options.RECEIVE_TIMEOUT, Duration.ofSeconds(10));
    sender.connect(inprocOf(receiver));

    Message got = receiver.receiveMessage();

    assertThat(got.body()).containsExactly(7);
    assertThat(driver.droveOn).containsExactly(Thread.currentThread());
    assertThat(driver.failures).isEmpty();
  }

  @Test
  void aTimeoutWakesTheDriveAndTheCallTimesOut() {
    FakeDriver driver = new FakeDriver(socket -> {});
    PollableSocket receiver = drivenSocket(driver);
    receiver.set(Options.RECEIVE_TIMEOUT, Duration.ofMillis(50));

    assertThatThrownBy(receiver::receiveMessage).isInstanceOf(SpTimeoutException.class);
    assertThat(driver.wakeups.get()).isEqualTo(1);
    assertThat(driver.droveOn).hasSize(1);
  }

  @Test
  void anInterruptEndsTheDriveAndTheCallFailsWithEintr() throws Exception {
    FakeDriver driver = new FakeDriver(socket -> {});
    PollableSocket receiver = drivenSocket(driver);
    CompletableFuture<Throwable> failed = new CompletableFuture<>();
    Thread waiting =
        new Thread(
            () -> {
              try {
                receiver.receiveMessage();
                failed.complete(null);
              } catch (RuntimeException e) {
                failed.complete(e);
              }
            });
    waiting.start();
    org.awaitility.Awaitility.await()
        .atMost(5, TimeUnit.SECONDS)
        .until(() -> driver.droveOn.size() == 1);
    waiting.interrupt();

    assertThat(failed.get(5, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            SpException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINTR));
  }

  @Test
  void aCloseFromAnotherThreadWakesTheDrive() throws Exception {
    FakeDriver driver = new FakeDriver(socket -> {});
    PollableSocket receiver = drivenSocket(driver);
    CompletableFuture<Message> receiving = CompletableFuture.supplyAsync(receiver::receiveMessage);
    org.awaitility.Awaitility.await()
        .atMost(5, TimeUnit.SECONDS)
        .until(() -> driver.droveOn.size() == 1);
    receiver.close();

    assertThat(receiving).failsWithin(5, TimeUnit.SECONDS);
    assertThat(driver.wakeups.get()).isEqualTo(1);
  }

  @Test
  void aThreadTurnedAwayParksAndTellsTheDriverWhenItsCallEnds() {
    PollableSocket sender = socket();
    FakeDriver driver = new FakeDriver(socket -> {});
    driver.turnAway = true;
    PollableSocket receiver = drivenSocket(driver);
    sender.connect(inprocOf(receiver));
    CompletableFuture<Message> receiving = CompletableFuture.supplyAsync(receiver::receiveMessage);
    org.awaitility.Awaitility.await()
        .atMost(5, TimeUnit.SECONDS)
        .until(() -> driver.turnedAway.get() == 1);
    sender.send(new byte[] {9});

    assertThat(receiving).succeedsWithin(5, TimeUnit.SECONDS);
    assertThat(driver.stopped.get()).isEqualTo(1);
    assertThat(driver.droveOn).isEmpty();
  }

  @Test
  void everyEndpointOfASocketGetsTheDriverTheFirstOneSet() {
    FakeDriver first = new FakeDriver(socket -> {});
    PollableSocket receiver = drivenSocket(first);
    DrivingTransport.offer = () -> new FakeDriver(socket -> {});
    receiver.bind(DrivingTransport.SCHEME + "://second");

    assertThat(DrivingTransport.ANSWERED).containsExactly(first, first);
  }

  private PollableSocket drivenSocket(FakeDriver driver) {
    PollableSocket socket = socket();
    DrivingTransport.offer = () -> driver;
    socket.bind(DrivingTransport.SCHEME + "://first");
    socket.bind(inprocOf(socket));
    return socket;
  }

  private String inprocOf(PollableSocket socket) {
    return "inproc://driven-" + System.identityHashCode(socket) + "-" + COUNTER.get();
  }

  private PollableSocket socket() {
    COUNTER.incrementAndGet();
    PollableSocket socket = new CoreSocketProvider().open(Protocol.PAIR, false);
    open.add(socket);
    return socket;
  }

  /** What a driver does once when it starts driving. */
  private interface DriveStart {
    void run(PollableSocket socket) throws Exception;
  }

  /** Drives nothing: waits (at most 5 s) until its call ended, counting what it was told. */
  private static final class FakeDriver implements IoDriver {
    final DriveStart onStart;
    final List<Thread> droveOn = new CopyOnWriteArrayList<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final AtomicInteger wakeups = new AtomicInteger();
    final AtomicInteger turnedAway = new AtomicInteger();
    final AtomicInteger stopped = new AtomicInteger();
    volatile PollableSocket socket;
    volatile boolean turnAway;

    FakeDriver(DriveStart onStart) {
      this.onStart = onStart;
    }

    @Override
    public boolean drive(BooleanSupplier done) {
      if (turnAway) {
        turnedAway.incrementAndGet();
        return false;
      }
      droveOn.add(Thread.currentThread());
      try {
        onStart.run(socket);
      } catch (Exception e) {
        failures.add(e);
      }
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!done.getAsBoolean()
          && !Thread.currentThread().isInterrupted()
          && System.nanoTime() < end) {
        LockSupport.parkNanos(100_000);
      }
      return true;
    }

    @Override
    public void stopWaiting() {
      stopped.incrementAndGet();
    }

    @Override
    public void wakeup() {
      wakeups.incrementAndGet();
    }
  }
}
