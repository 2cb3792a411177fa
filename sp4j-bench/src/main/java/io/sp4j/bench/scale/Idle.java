package io.sp4j.bench.scale;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The idle-connections measurement: a PULL bound on ws://127.0.0.1 (sp4j in its own JVM, then
 * {@code nn-scale pull}) and a client JVM whose one sp4j PUSH socket connects {@code --conns} times
 * (in batches, each waited for in /proc/net/tcp), sending nothing. Prints the server's memory
 * before and after, per connection: for sp4j its heap after a full GC, Netty's direct memory (the
 * allocator's metric, Netty's own counter and the JDK's "direct" buffer pool) and RSS; for nanomsg
 * its RSS ({@code /proc/<pid>/status} VmRSS for both).
 */
public final class Idle {
  private Idle() {}

  public static void run(ScaleOptions o, PrintStream out) throws Exception {
    int conns = o.integer("conns", 10000);
    out.printf(
        Locale.ROOT,
        "# idle: %d ws:// connections from one sp4j PUSH (another JVM) to one PULL%n",
        conns);
    out.flush();
    once("sp4j", ChildCommand.java(o, "pull"), true, conns, o, out);
    if (o.has("nn")) {
      once("nanomsg", List.of(o.text("nn", null), "pull"), false, conns, o, out);
    }
  }

  private static void once(
      String name,
      List<String> serverCommand,
      boolean java,
      int conns,
      ScaleOptions o,
      PrintStream out)
      throws Exception {
    int port = Loopback.freePort();
    String url = "ws://127.0.0.1:" + port;
    int batch = o.integer("batch", 500);
    try (RoleProcess server = RoleProcess.start(ChildCommand.with(serverCommand, url))) {
      server.expect("bound", 30);
      Map<String, Long> before = measure(server, java);
      try (RoleProcess dialer =
          RoleProcess.start(ChildCommand.with(ChildCommand.java(o, "dial"), url))) {
        int dialed = 0;
        while (dialed < conns) {
          int n = Math.min(batch, conns - dialed);
          dialer.send("dial " + n);
          dialer.expect("dialed", 60);
          dialed += n;
          Loopback.awaitEstablished(port, dialed, 120);
        }
        // Established is TCP's view; give the WebSocket handshakes time to finish.
        Thread.sleep(o.integer("settle-ms", 2000));
        Loopback.awaitEstablished(port, conns, 60);
        Map<String, Long> after = measure(server, java);
        out.println(line(name, conns, Loopback.established(port), before, after));
        out.flush();
        dialer.quit();
      }
      server.quit();
    }
  }

  private static String line(
      String name, int conns, int established, Map<String, Long> before, Map<String, Long> after) {
    StringBuilder line = new StringBuilder();
    line.append(
        String.format(
            Locale.ROOT, "idle server=%s conns=%d established=%d", name, conns, established));
    for (String k : after.keySet()) {
      long b = before.get(k);
      long a = after.get(k);
      if (a < 0 || b < 0) {
        line.append(' ').append(k).append("=n/a");
      } else {
        line.append(
            String.format(
                Locale.ROOT, " %s=%d->%d (%.0f B/conn)", k, b, a, (double) (a - b) / conns));
      }
    }
    return line.toString();
  }

  /** The server's memory: its RSS, and for sp4j (own JVM) what it reports of itself. */
  private static Map<String, Long> measure(RoleProcess server, boolean java) throws Exception {
    Map<String, Long> m = new LinkedHashMap<>();
    if (java) {
      server.send("measure");
      String line = server.expect("mem", 120);
      for (String k : List.of("heap", "direct_alloc", "direct_netty", "direct_pool")) {
        m.put(k, Long.parseLong(RoleProcess.field(line, k)));
      }
    }
    m.put("rss", ProcessStats.rssBytes(server.pid()));
    return m;
  }
}
