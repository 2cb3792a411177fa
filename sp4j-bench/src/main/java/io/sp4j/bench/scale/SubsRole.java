package io.sp4j.bench.scale;

import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * N SUB sockets, all subscribed to everything; "ready" once each has a warm-up message, then
 * "report" prints what they received ("report delivered=N span_ns=NS min=N max=N").
 */
final class SubsRole {
  private final LongAdder delivered = new LongAdder();
  private final AtomicLong first = new AtomicLong();
  private final AtomicLong last = new AtomicLong();
  private final AtomicIntegerArray perSub;
  private final AtomicIntegerArray warmed;
  private final LongAdder warmedCount = new LongAdder();
  private final CompletableFuture<Void> allWarm = new CompletableFuture<>();
  private final int n;

  private SubsRole(int n) {
    this.n = n;
    this.perSub = new AtomicIntegerArray(n);
    this.warmed = new AtomicIntegerArray(n);
  }

  static void run(String url, int n) throws Exception {
    new SubsRole(n).play(url);
  }

  private void play(String url) throws Exception {
    List<Socket> sockets = new ArrayList<>(n);
    try {
      for (int i = 0; i < n; i++) {
        Socket s = Socket.open(Protocol.SUB);
        s.set(Options.SUBSCRIBE, new byte[0]);
        sockets.add(s);
        int id = i;
        ReceivePump pump =
            new ReceivePump(
                s,
                m -> {
                  if (m.bodySize() > 1) {
                    delivered(id);
                  } else {
                    warmed(id);
                  }
                });
        s.connect(url);
        pump.pump();
      }
      allWarm.get(300, TimeUnit.SECONDS);
      RoleLines.say("ready");
      RoleLines.untilQuit(
          line -> {
            if (line.startsWith("report")) {
              RoleLines.say(report());
            }
          });
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  private void delivered(int id) {
    long now = System.nanoTime();
    first.compareAndSet(0, now);
    last.set(now);
    delivered.increment();
    perSub.incrementAndGet(id);
  }

  private void warmed(int id) {
    if (warmed.compareAndSet(id, 0, 1)) {
      warmedCount.increment();
      if (warmedCount.sum() == n) {
        allWarm.complete(null);
      }
    }
  }

  private String report() {
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int i = 0; i < n; i++) {
      min = Math.min(min, perSub.get(i));
      max = Math.max(max, perSub.get(i));
    }
    long f = first.get();
    return "report delivered="
        + delivered.sum()
        + " span_ns="
        + (f == 0 ? 0 : last.get() - f)
        + " min="
        + min
        + " max="
        + max;
  }
}
