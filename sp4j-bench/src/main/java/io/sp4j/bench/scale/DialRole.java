package io.sp4j.bench.scale;

import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** One PUSH socket; "dial N" connects it N more times to the URL (nothing is sent). */
final class DialRole {
  private DialRole() {}

  static void run(String url) throws Exception {
    try (Socket s = Socket.open(Protocol.PUSH)) {
      AtomicInteger total = new AtomicInteger();
      RoleLines.untilQuit(
          line -> {
            if (line.startsWith("dial ")) {
              int n = Integer.parseInt(line.substring(5).trim());
              for (int i = 0; i < n; i++) {
                s.connect(url);
              }
              RoleLines.say("dialed " + total.addAndGet(n));
            }
          });
    }
  }
}
