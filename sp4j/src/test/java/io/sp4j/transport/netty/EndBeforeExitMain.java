package io.sp4j.transport.netty;

import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.time.Duration;
import java.util.List;

/**
 * Run in a JVM of its own by {@link IoThreadEndTest}: starts the I/O threads with a listening
 * socket, ends them as a process about to exit does, and prints how many are still alive.
 */
public final class EndBeforeExitMain {
  private EndBeforeExitMain() {}

  public static void main(String[] args) throws InterruptedException {
    Socket rep = Socket.open(Protocol.REP);
    rep.bind("tcp://127.0.0.1:0");
    List<Thread> io = ioThreads();
    System.out.println("started: " + io.size());
    EventLoops.endBeforeExit(Duration.ofSeconds(10));
    for (Thread thread : io) {
      thread.join(10_000); // a thread past its termination future is gone within moments
    }
    System.out.println("alive after: " + ioThreads().size());
  }

  private static List<Thread> ioThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("sp4j-io") && t.isAlive())
        .toList();
  }
}
