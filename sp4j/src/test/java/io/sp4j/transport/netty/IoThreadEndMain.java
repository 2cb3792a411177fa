package io.sp4j.transport.netty;

import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.SpException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Run in a JVM of its own by {@link IoThreadEndTest}: ends one of sp4j's I/O threads (which no
 * peer's input can do) under a socket with a blocked receive, then prints, one line each, what the
 * blocked receive, a new bind and a new connect then do.
 */
public final class IoThreadEndMain {
  private IoThreadEndMain() {}

  public static void main(String[] args) throws Exception {
    Socket rep = Socket.open(Protocol.REP);
    rep.bind("tcp://127.0.0.1:0");
    CompletableFuture<String> blocked = CompletableFuture.supplyAsync(() -> outcome(rep::receive));
    EventLoops.group().next().shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    System.out.println("receive " + blocked.get(10, TimeUnit.SECONDS));
    System.out.println(
        "bind " + outcome(() -> Socket.open(Protocol.PULL).bind("tcp://127.0.0.1:0")));
    try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String url =
          "ws://127.0.0.1:"
              + listening.getLocalPort()
              + "/x"; // a port that answers, were it dialed
      System.out.println("connect " + outcome(() -> Socket.open(Protocol.PUSH).connect(url)));
    }
    System.out.println("send " + outcome(() -> rep.send(new byte[1])));
  }

  private static String outcome(Runnable call) {
    try {
      call.run();
      return "returned";
    } catch (SpException e) {
      return e.errno().name();
    }
  }
}
