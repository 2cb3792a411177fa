package io.sp4j.bench.scale;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The fan-out measurement: a PUB bound on ws://127.0.0.1 (sp4j in its own JVM, then nanomsg's
 * {@code nn-scale pub} when {@code --nn} names it) and one further JVM with {@code --subs} sp4j SUB
 * sockets subscribed to everything, so that only the publisher differs. The PUB sends 1-byte
 * warm-up messages until every SUB has one, then {@code --messages} messages of {@code --size}
 * bytes as fast as send returns (a PUB never waits; a full connection drops). Prints, per
 * publisher, the messages delivered in total across all subscribers per second (first to last
 * delivery, on the subscribers' clock) and the share dropped.
 */
public final class Fanout {
  private Fanout() {}

  public static void run(ScaleOptions o, PrintStream out) throws Exception {
    int subs = o.integer("subs", 1000);
    int messages = o.integer("messages", 20000);
    int size = o.integer("size", 64);
    out.printf(
        Locale.ROOT,
        "# fanout: 1 PUB -> %d sp4j SUB over ws://127.0.0.1, %d messages of %d B%n",
        subs,
        messages,
        size);
    out.flush();
    once("sp4j", ChildCommand.java(o, "pub"), subs, messages, size, o, out);
    if (o.has("nn")) {
      once("nanomsg", List.of(o.text("nn", null), "pub"), subs, messages, size, o, out);
    }
  }

  private static void once(
      String name,
      List<String> pubCommand,
      int subs,
      int messages,
      int size,
      ScaleOptions o,
      PrintStream out)
      throws Exception {
    String url = "ws://127.0.0.1:" + Loopback.freePort();
    try (RoleProcess pub = RoleProcess.start(ChildCommand.with(pubCommand, url))) {
      pub.expect("bound", 30);
      try (RoleProcess subsProc =
          RoleProcess.start(
              ChildCommand.with(ChildCommand.java(o, "subs"), url, Integer.toString(subs)))) {
        subsProc.expect("ready", 300);
        double cpuBefore = ProcessStats.cpuSeconds(pub.pid());
        pub.send("go " + messages + " " + size);
        String[] sent = pub.expect("sent", 600).split(" ");
        double sendSeconds = Long.parseLong(sent[2]) / 1e6;
        String report = settledReport(subsProc, o.integer("settle-ms", 1000));
        double pubCpu = ProcessStats.cpuSeconds(pub.pid()) - cpuBefore;
        long delivered = Long.parseLong(RoleProcess.field(report, "delivered"));
        double span = Long.parseLong(RoleProcess.field(report, "span_ns")) / 1e9;
        long possible = (long) messages * subs;
        double rate = span > 0 ? delivered / span : 0;
        out.printf(
            Locale.ROOT,
            "fanout pub=%s subs=%d size=%d sent=%d send_s=%.3f delivered=%d of %d drop=%.1f%%"
                + " span_s=%.3f rate=%.0f msg/s per_sub_min=%s per_sub_max=%s pub_cpu_s=%.2f%n",
            name,
            subs,
            size,
            messages,
            sendSeconds,
            delivered,
            possible,
            100.0 * (possible - delivered) / possible,
            span,
            rate,
            RoleProcess.field(report, "min"),
            RoleProcess.field(report, "max"),
            pubCpu);
        out.flush();
        subsProc.quit();
      }
      pub.quit();
    }
  }

  /** Delivery goes on after the last send: polls until the count stays the same for a while. */
  private static String settledReport(RoleProcess subsProc, long settleMs)
      throws InterruptedException {
    long last = -1;
    String report = null;
    long stableSince = System.nanoTime();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
    while (System.nanoTime() < deadline) {
      subsProc.send("report");
      report = subsProc.expect("report", 60);
      long total = Long.parseLong(RoleProcess.field(report, "delivered"));
      if (total != last) {
        last = total;
        stableSince = System.nanoTime();
      } else if (System.nanoTime() - stableSince >= TimeUnit.MILLISECONDS.toNanos(settleMs)) {
        break;
      }
      Thread.sleep(100);
    }
    return report;
  }
}
