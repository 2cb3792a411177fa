package io.sp4j.transport.netty;

import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.SpException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Run in a JVM of its own by {@link IoThreadEndTest}: starts the I/O threads with a listening
 * socket and a receive blocked on it (with caller-driven I/O, that thread runs the socket's loop),
 * ends them as a process about to exit does, and prints how many are still alive and how the
 * receive ended.
 */
public final class EndBeforeExitMain {
  private EndBeforeExitMain() {}

  public static void main(String[] args) throws InterruptedException {
    Socket rep = Socket.open(Protocol.REP);
    rep.bind("tcp://127.0.0.1:0");
    CompletableFuture<String> ended = new CompletableFuture<>();
    Thread receiver =
        new Thread(
            () -> {
              try {
                rep.receive();
                ended.complete("a message");
              } catch (SpException e) {
                ended.complete(e.errno().name());
              }
            });
    receiver.start();
    for (int i = 0; i < 1000 && !BlockedThreads.waits(receiver); i++) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // bounded: at most 5 s
    }
    List<Thread> io = ioThreads();
    System.out.println("started: " + io.size());
    EventLoops.endBeforeExit(Duration.ofSeconds(10));
    for (Thread thread : io) {
      thread.join(10_000); // a thread past its termination future is gone within moments
    }
    System.out.println("alive after: " + ioThreads().size());
    try {
      System.out.println("blocked receive ended: " + ended.get(10, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      System.out.println("blocked receive ended: not (" + e + ")");
    }
  }

  private static List<Thread> ioThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("sp4j-io") && t.isAlive())
        .toList();
  }
}
