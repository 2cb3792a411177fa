package io.sp4j.bench.scale;

import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.util.Arrays;

/** PUB: bind, warm up every 10 ms until "go COUNT SIZE", send, print "sent COUNT MICROS". */
final class PubRole {
  private PubRole() {}

  static void run(String url) throws Exception {
    try (Socket s = Socket.open(Protocol.PUB)) {
      s.bind(url);
      RoleLines.say("bound");
      Thread warm = new Thread(() -> warmUp(s), "warm-up");
      warm.setDaemon(true);
      warm.start();
      RoleLines.untilQuit(
          line -> {
            String[] f = line.split(" ");
            if (f[0].equals("go")) {
              warm.interrupt();
              warm.join();
              send(s, Integer.parseInt(f[1]), Integer.parseInt(f[2]));
            }
          });
    }
  }

  private static void send(Socket s, int count, int size) {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) 111);
    long start = System.nanoTime();
    for (int i = 0; i != count; i++) {
      s.send(body); // never waits on a PUB; not copied, and never changed
    }
    long took = (System.nanoTime() - start) / 1000;
    RoleLines.say("sent " + count + " " + took);
  }

  private static void warmUp(Socket s) {
    byte[] w = {'w'};
    while (!Thread.currentThread().isInterrupted()) {
      s.send(w);
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
