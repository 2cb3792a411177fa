package io.sp4j.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.util.concurrent.EventExecutor;
import io.sp4j.Errno;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.SpException;
import io.sp4j.SpTimeoutException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Caller-driven I/O ({@code io.sp4j.callerIo}, set for this class by its own surefire run): a
 * thread blocked in a call runs its socket's loop; timeouts, interrupts and closes still end the
 * call; a second thread on the socket parks and the fallback takes over when the driver leaves;
 * many connections share the loops; a send from a thread that never blocks again still goes out;
 * virtual threads never drive.
 */
class CallerDrivenIoTest {
  private static final Duration LONG = Duration.ofSeconds(10);
  private final List<Socket> open = new ArrayList<>();

  @BeforeAll
  static void modeIsOn() {
    Assumptions.assumeTrue(EventLoops.isNative(), "caller-driven I/O needs native epoll");
    assertThat(EventLoops.group())
        .as("run with -Dio.sp4j.callerIo=true")
        .isInstanceOf(DrivenGroup.class);
  }

  @AfterEach
  void closeAll() {
    open.forEach(Socket::close);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tcp", "ws"})
  void aBlockedReceiveRunsItsSocketsLoopOnItsOwnThread(String scheme) throws Exception {
    Socket[] pair = pair(Protocol.PAIR, Protocol.PAIR, scheme);
    CompletableFuture<Thread> receiving = new CompletableFuture<>();
    CompletableFuture<byte[]> got =
        CompletableFuture.supplyAsync(
            () -> {
              receiving.complete(Thread.currentThread());
              return pair[0].receive();
            },
            CallerDrivenIoTest::platformThread);
    Thread thread = receiving.get(5, TimeUnit.SECONDS);
    await().atMost(LONG).until(() -> owningLoop(thread) != null);
    pair[1].send(new byte[] {1, 2, 3});

    assertThat(got.get(10, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
  }

  @Test
  void aTimeoutEndsACallThatDrives() throws Exception {
    Socket[] pair = pair(Protocol.PAIR, Protocol.PAIR, "tcp");
    pair[0].set(Options.RECEIVE_TIMEOUT, Duration.ofMillis(100));
    CompletableFuture<Throwable> ended = failureOf(() -> pair[0].receive());

    assertThat(ended.get(10, TimeUnit.SECONDS)).isInstanceOf(SpTimeoutException.class);
  }

  @Test
  void anInterruptEndsACallThatDrivesWithEintr() throws Exception {
    Socket[] pair = pair(Protocol.PAIR, Protocol.PAIR, "tcp");
    Driving receive = receiveDriving(pair[0]);
    receive.thread().interrupt();

    assertThat(receive.ended().get(10, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(
            SpException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINTR));
  }

  @Test
  void aCloseFromAnotherThreadEndsACallThatDrives() throws Exception {
    Socket[] pair = pair(Protocol.PAIR, Protocol.PAIR, "tcp");
    Driving receive = receiveDriving(pair[0]);
    pair[0].close();

    assertThat(receive.ended().get(10, TimeUnit.SECONDS)).isInstanceOf(SpException.class);
  }

  /** One thread drives, the other parks; when the first leaves, the fallback runs the loop. */
  @Test
  void twoThreadsOnOneSocketBothGetTheirMessage() throws Exception {
    Socket[] pair = pair(Protocol.PULL, Protocol.PUSH, "tcp");
    CompletableFuture<byte[]> first =
        CompletableFuture.supplyAsync(pair[0]::receive, CallerDrivenIoTest::platformThread);
    CompletableFuture<byte[]> second =
        CompletableFuture.supplyAsync(pair[0]::receive, CallerDrivenIoTest::platformThread);
    pair[1].send(new byte[] {1});
    CompletableFuture.anyOf(first, second).get(10, TimeUnit.SECONDS);
    pair[1].send(new byte[] {2});

    assertThat(first.get(10, TimeUnit.SECONDS)[0] + second.get(10, TimeUnit.SECONDS)[0])
        .isEqualTo(3);
  }

  @Test
  void manyConnectionsEachDeliverEveryMessage() throws Exception {
    Socket pull = socket(Protocol.PULL);
    String url = "tcp://127.0.0.1:" + pull.bind("tcp://127.0.0.1:0").port();
    int peers = 40;
    int each = 25;
    List<Socket> pushes = new ArrayList<>();
    for (int i = 0; i < peers; i++) {
      Socket push = socket(Protocol.PUSH);
      push.connect(url);
      pushes.add(push);
    }
    CompletableFuture<Integer> received =
        CompletableFuture.supplyAsync(
            () -> {
              int count = 0;
              pull.set(Options.RECEIVE_TIMEOUT, LONG);
              for (int i = 0; i < peers * each; i++) {
                pull.receive();
                count++;
              }
              return count;
            },
            CallerDrivenIoTest::platformThread);
    for (int m = 0; m < each; m++) {
      for (Socket push : pushes) {
        push.send(new byte[] {(byte) m});
      }
    }
    assertThat(received.get(60, TimeUnit.SECONDS)).isEqualTo(peers * each);
  }

  /**
   * A thread that drove its socket's loop (a receive), sends a reply and then does other work: no
   * calling thread runs that loop any more, so the fallback takes it over after the grace period
   * and writes the reply (bounded here far above that, for a loaded runner).
   */
  @Test
  void aReplyFromAThreadThatThenDoesOtherWorkGoesOut() throws Exception {
    Socket[] pair = pair(Protocol.PAIR, Protocol.PAIR, "tcp");
    pair[0].set(Options.RECEIVE_TIMEOUT, Duration.ofSeconds(5));
    for (int i = 0; i < 5; i++) {
      CountDownLatch replied = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(1);
      CompletableFuture<Thread> server = new CompletableFuture<>();
      platformThread(
          () -> {
            server.complete(Thread.currentThread());
            byte[] request = pair[1].receive(); // drives the loop of pair[1]'s connection
            pair[1].send(request);
            replied.countDown();
            awaitQuietly(done); // "other work": no sp4j call until the reply arrived
          });
      Thread serving = server.get(5, TimeUnit.SECONDS);
      await().atMost(LONG).until(() -> owningLoop(serving) != null);
      pair[0].send(new byte[] {(byte) i});
      assertThat(replied.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(pair[0].receive()).containsExactly(i);
      done.countDown();
    }
  }

  @Test
  void virtualThreadsParkAndNeverDrive() throws Throwable {
    Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads exist from JDK 21");
    Socket[] pair = pair(Protocol.PAIR, Protocol.PAIR, "tcp");
    CompletableFuture<Thread> receiving = new CompletableFuture<>();
    CompletableFuture<byte[]> got = new CompletableFuture<>();
    Runnable body =
        () -> {
          receiving.complete(Thread.currentThread());
          got.complete(pair[0].receive());
        };
    Thread virtual =
        (Thread)
            MethodHandles.publicLookup()
                .findStatic(
                    Thread.class,
                    "startVirtualThread",
                    MethodType.methodType(Thread.class, Runnable.class))
                .invoke(body);
    assertThat(LoopDriver.isVirtual(receiving.get(5, TimeUnit.SECONDS))).isTrue();
    await().atMost(LONG).until(() -> virtual.getState() == Thread.State.WAITING);
    assertThat(owningLoop(virtual)).isNull();
    pair[1].send(new byte[] {4});

    assertThat(got.get(10, TimeUnit.SECONDS)).containsExactly(4);
  }

  private Socket[] pair(Protocol bound, Protocol dialing, String scheme) {
    Socket a = socket(bound);
    int port = a.bind(scheme + "://127.0.0.1:0" + (scheme.equals("ws") ? "/driven" : "")).port();
    Socket b = socket(dialing);
    b.connect(scheme + "://127.0.0.1:" + port + (scheme.equals("ws") ? "/driven" : ""));
    return new Socket[] {a, b};
  }

  private Socket socket(Protocol protocol) {
    Socket socket = Socket.open(protocol);
    open.add(socket);
    return socket;
  }

  /** A receive on a thread of its own, and what it ended with ({@code null}: a message). */
  private record Driving(Thread thread, CompletableFuture<Throwable> ended) {}

  /** Starts a receive on {@code socket} and returns once its thread runs the socket's loop. */
  private static Driving receiveDriving(Socket socket) throws Exception {
    CompletableFuture<Thread> receiving = new CompletableFuture<>();
    CompletableFuture<Throwable> ended =
        failureOf(
            () -> {
              receiving.complete(Thread.currentThread());
              socket.receive();
            });
    Thread thread = receiving.get(5, TimeUnit.SECONDS);
    await().atMost(LONG).until(() -> owningLoop(thread) != null);
    return new Driving(thread, ended);
  }

  /** The loop {@code thread} runs now, or {@code null}. */
  private static DrivenLoop owningLoop(Thread thread) {
    for (EventExecutor loop : EventLoops.group()) {
      if (loop.inEventLoop(thread)) {
        return (DrivenLoop) loop;
      }
    }
    return null;
  }

  private static CompletableFuture<Throwable> failureOf(Runnable call) {
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    platformThread(
        () -> {
          try {
            call.run();
            failure.complete(null);
          } catch (RuntimeException e) {
            failure.complete(e);
          }
        });
    return failure;
  }

  private static void platformThread(Runnable body) {
    Thread thread = new Thread(body, "caller-driven-test");
    thread.setDaemon(true);
    thread.start();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
