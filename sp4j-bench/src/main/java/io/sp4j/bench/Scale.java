package io.sp4j.bench;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import io.sp4j.Message;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The scale runner (bench/scale.sh): sp4j beside nanomsg with many ws:// peers on one socket.
 *
 * <pre>
 *   scale fanout [--subs 1000] [--messages 20000] [--size 64] [--nn PATH] [--settle-ms 1000]
 *   scale idle   [--conns 10000] [--batch 500] [--nn PATH] [--settle-ms 2000]
 *   scale all    (both, with the options of both)
 * </pre>
 *
 * <p><b>fanout</b>: a PUB bound on ws://127.0.0.1 (sp4j in its own JVM, then nanomsg's
 * {@code nn-scale pub} when {@code --nn} names it) and one further JVM with {@code --subs} sp4j
 * SUB sockets subscribed to everything, so that only the publisher differs. The PUB sends 1-byte
 * warm-up messages until every SUB has one, then {@code --messages} messages of {@code --size}
 * bytes as fast as send returns (a PUB never waits; a full connection drops). Prints, per
 * publisher, the messages delivered in total across all subscribers per second (first to last
 * delivery, on the subscribers' clock) and the share dropped.
 *
 * <p><b>idle</b>: a PULL bound on ws://127.0.0.1 (sp4j in its own JVM, then {@code nn-scale
 * pull}) and a client JVM whose one sp4j PUSH socket connects {@code --conns} times (in batches,
 * each waited for in /proc/net/tcp), sending nothing. Prints the server's memory before and
 * after, per connection: for sp4j its heap after a full GC, Netty's direct memory (the
 * allocator's metric, Netty's own counter and the JDK's "direct" buffer pool) and RSS; for
 * nanomsg its RSS ({@code /proc/<pid>/status} VmRSS for both).
 *
 * <p>The roles the runner starts (same class, same class path) speak lines on stdin/stdout:
 * {@code pub <url>}, {@code subs <url> <n>}, {@code pull <url>}, {@code dial <url>}. The C peer
 * {@code sp4j-bench/src/main/c/nn-scale.c} speaks the same lines for {@code pub} and
 * {@code pull}. Benchmarks are not tests: nothing here fails on a slow or large result.
 */
public final class Scale {
  private Scale() {}

  public static void main(String[] args) throws Exception {
    int status = run(args, System.out);
    System.out.flush();
    System.exit(status);
  }

  /** Runs a command or a role; returns the exit status (0 done, 1 usage, 3 failure). */
  public static int run(String[] args, PrintStream out) throws Exception {
    if (args.length == 0) {
      return usage(out);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    int roleArgs = switch (args[0]) {
      case "pub", "pull", "dial" -> 1;
      case "subs" -> 2;
      default -> 0;
    };
    if (rest.length < roleArgs) {
      return usage(out);
    }
    switch (args[0]) {
      case "fanout" -> fanout(new Opts(rest), out);
      case "idle" -> idle(new Opts(rest), out);
      case "all" -> {
        Opts opts = new Opts(rest);
        fanout(opts, out);
        idle(opts, out);
      }
      case "pub" -> rolePub(rest[0]);
      case "subs" -> roleSubs(rest[0], Integer.parseInt(rest[1]));
      case "pull" -> rolePull(rest[0]);
      case "dial" -> roleDial(rest[0]);
      default -> {
        return usage(out);
      }
    }
    return 0;
  }

  private static int usage(PrintStream out) {
    out.println("usage: scale fanout|idle|all [--subs N] [--messages N] [--size B] [--conns N]"
        + " [--batch N] [--nn PATH-to-nn-scale] [--settle-ms MS]");
    return 1;
  }

  // ---- fanout ------------------------------------------------------------------------------

  static void fanout(Opts o, PrintStream out) throws Exception {
    int subs = o.integer("subs", 1000);
    int messages = o.integer("messages", 20000);
    int size = o.integer("size", 64);
    out.printf(Locale.ROOT, "# fanout: 1 PUB -> %d sp4j SUB over ws://127.0.0.1, %d messages of %d B%n",
        subs, messages, size);
    out.flush();
    fanoutOnce("sp4j", javaCommand(o, "pub"), subs, messages, size, o, out);
    if (o.has("nn")) {
      fanoutOnce("nanomsg", List.of(o.text("nn", null), "pub"), subs, messages, size, o, out);
    }
  }

  private static void fanoutOnce(String name, List<String> pubCommand, int subs, int messages,
      int size, Opts o, PrintStream out) throws Exception {
    String url = "ws://127.0.0.1:" + freePort();
    try (Child pub = Child.start(with(pubCommand, url))) {
      pub.expect("bound", 30);
      try (Child subsProc = Child.start(with(javaCommand(o, "subs"), url, Integer.toString(subs)))) {
        subsProc.expect("ready", 300);
        double cpuBefore = cpuSeconds(pub.process.pid());
        pub.send("go " + messages + " " + size);
        String[] sent = pub.expect("sent", 600).split(" ", -1);
        double sendSeconds = Long.parseLong(sent[2]) / 1e6;
        // Delivery goes on after the last send: poll until the count stays the same for a while.
        long settleMs = o.integer("settle-ms", 1000);
        long last = -1;
        String report = null;
        long stableSince = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
        while (System.nanoTime() < deadline) {
          subsProc.send("report");
          report = subsProc.expect("report", 60);
          long total = Long.parseLong(field(report, "delivered"));
          if (total != last) {
            last = total;
            stableSince = System.nanoTime();
          } else if (System.nanoTime() - stableSince >= TimeUnit.MILLISECONDS.toNanos(settleMs)) {
            break;
          }
          Thread.sleep(100);
        }
        double pubCpu = cpuSeconds(pub.process.pid()) - cpuBefore;
        long delivered = Long.parseLong(field(report, "delivered"));
        double span = Long.parseLong(field(report, "span_ns")) / 1e9;
        long possible = (long) messages * subs;
        double rate = span > 0 ? delivered / span : 0;
        out.printf(Locale.ROOT,
            "fanout pub=%s subs=%d size=%d sent=%d send_s=%.3f delivered=%d of %d drop=%.1f%%"
                + " span_s=%.3f rate=%.0f msg/s per_sub_min=%s per_sub_max=%s pub_cpu_s=%.2f%n",
            name, subs, size, messages, sendSeconds, delivered, possible,
            100.0 * (possible - delivered) / possible, span, rate,
            field(report, "min"), field(report, "max"), pubCpu);
        out.flush();
        subsProc.quit();
      }
      pub.quit();
    }
  }

  // ---- idle --------------------------------------------------------------------------------

  static void idle(Opts o, PrintStream out) throws Exception {
    int conns = o.integer("conns", 10000);
    out.printf(Locale.ROOT, "# idle: %d ws:// connections from one sp4j PUSH (another JVM) to one PULL%n", conns);
    out.flush();
    idleOnce("sp4j", javaCommand(o, "pull"), true, conns, o, out);
    if (o.has("nn")) {
      idleOnce("nanomsg", List.of(o.text("nn", null), "pull"), false, conns, o, out);
    }
  }

  private static void idleOnce(String name, List<String> serverCommand, boolean java, int conns,
      Opts o, PrintStream out) throws Exception {
    int port = freePort();
    String url = "ws://127.0.0.1:" + port;
    int batch = o.integer("batch", 500);
    try (Child server = Child.start(with(serverCommand, url))) {
      server.expect("bound", 30);
      Map<String, Long> before = measure(server, java);
      try (Child dialer = Child.start(with(javaCommand(o, "dial"), url))) {
        int dialed = 0;
        while (dialed < conns) {
          int n = Math.min(batch, conns - dialed);
          dialer.send("dial " + n);
          dialer.expect("dialed", 60);
          dialed += n;
          awaitEstablished(port, dialed, 120);
        }
        // Established is TCP's view; give the WebSocket handshakes time to finish.
        Thread.sleep(o.integer("settle-ms", 2000));
        awaitEstablished(port, conns, 60);
        Map<String, Long> after = measure(server, java);
        int established = established(port);
        StringBuilder line = new StringBuilder();
        line.append(String.format(Locale.ROOT, "idle server=%s conns=%d established=%d", name, conns, established));
        for (String k : after.keySet()) {
          long b = before.get(k);
          long a = after.get(k);
          if (a < 0 || b < 0) {
            line.append(' ').append(k).append("=n/a");
          } else {
            line.append(String.format(Locale.ROOT, " %s=%d->%d (%.0f B/conn)", k, b, a, (double) (a - b) / conns));
          }
        }
        out.println(line);
        out.flush();
        dialer.quit();
      }
      server.quit();
    }
  }

  /** The server's memory: its RSS, and for sp4j (own JVM) what it reports of itself. */
  private static Map<String, Long> measure(Child server, boolean java) throws Exception {
    Map<String, Long> m = new java.util.LinkedHashMap<>();
    if (java) {
      server.send("measure");
      String line = server.expect("mem", 120);
      for (String k : List.of("heap", "direct_alloc", "direct_netty", "direct_pool")) {
        m.put(k, Long.parseLong(field(line, k)));
      }
    }
    m.put("rss", rssBytes(server.process.pid()));
    return m;
  }

  /** User plus system CPU time of a process so far ({@code /proc/<pid>/stat}, 100 ticks/s). */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  static long rssBytes(long pid) {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  /** Connections in state ESTABLISHED whose local port is {@code port} (the server's ends). */
  static int established(int port) throws IOException {
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    int n = 0;
    for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path p = Path.of(file);
      if (!Files.exists(p)) {
        continue;
      }
      for (String l : Files.readAllLines(p)) {
        String[] f = l.trim().split("\\s+", -1);
        if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("01")) {
          n++;
        }
      }
    }
    return n;
  }

  private static void awaitEstablished(int port, int want, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    int have;
    while ((have = established(port)) < want) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + have + " of " + want + " connections established");
      }
      Thread.sleep(50);
    }
  }

  // ---- the roles ---------------------------------------------------------------------------

  /** PUB: bind, warm up every 10 ms until "go COUNT SIZE", send, print "sent COUNT MICROS". */
  static void rolePub(String url) throws Exception {
    try (Socket s = Socket.open(Protocol.PUB)) {
      s.bind(url);
      say("bound");
      BufferedReader in = stdin();
      Thread warm = new Thread(() -> {
        byte[] w = {'w'};
        while (!Thread.currentThread().isInterrupted()) {
          s.send(w);
          try {
            Thread.sleep(10);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "warm-up");
      warm.setDaemon(true);
      warm.start();
      String line;
      while ((line = in.readLine()) != null && !line.startsWith("quit")) {
        String[] f = line.split(" ", -1);
        if (f[0].equals("go")) {
          warm.interrupt();
          warm.join();
          int count = Integer.parseInt(f[1]);
          byte[] body = new byte[Integer.parseInt(f[2])];
          Arrays.fill(body, (byte) 111);
          long start = System.nanoTime();
          for (int i = 0; i != count; i++) {
            s.send(body); // never waits on a PUB; not copied, and never changed
          }
          long took = (System.nanoTime() - start) / 1000;
          say("sent " + count + " " + took);
        }
      }
    }
  }

  /** N SUB sockets, all subscribed to everything; "ready" once each has a warm-up message. */
  static void roleSubs(String url, int n) throws Exception {
    LongAdder delivered = new LongAdder();
    AtomicLong first = new AtomicLong();
    AtomicLong last = new AtomicLong();
    AtomicIntegerArray perSub = new AtomicIntegerArray(n);
    AtomicIntegerArray warmed = new AtomicIntegerArray(n);
    LongAdder warmedCount = new LongAdder();
    CompletableFuture<Void> allWarm = new CompletableFuture<>();
    List<Socket> sockets = new ArrayList<>(n);
    try {
      for (int i = 0; i < n; i++) {
        Socket s = Socket.open(Protocol.SUB);
        s.set(Options.SUBSCRIBE, new byte[0]);
        sockets.add(s);
        int id = i;
        Receiver r = new Receiver(s, m -> {
          if (m.bodySize() > 1) {
            long now = System.nanoTime();
            first.compareAndSet(0, now);
            last.set(now);
            delivered.increment();
            perSub.incrementAndGet(id);
          } else if (warmed.compareAndSet(id, 0, 1)) {
            warmedCount.increment();
            if (warmedCount.sum() == n) {
              allWarm.complete(null);
            }
          }
        });
        s.connect(url);
        r.pump();
      }
      allWarm.get(300, TimeUnit.SECONDS);
      say("ready");
      BufferedReader in = stdin();
      String line;
      while ((line = in.readLine()) != null && !line.startsWith("quit")) {
        if (line.startsWith("report")) {
          int min = Integer.MAX_VALUE;
          int max = 0;
          for (int i = 0; i < n; i++) {
            min = Math.min(min, perSub.get(i));
            max = Math.max(max, perSub.get(i));
          }
          long f = first.get();
          say("report delivered=" + delivered.sum() + " span_ns=" + (f == 0 ? 0 : last.get() - f)
              + " min=" + min + " max=" + max);
        }
      }
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  /** Receives for ever on one socket without a thread of its own. */
  private record Receiver(Socket socket, java.util.function.Consumer<Message> onMessage) {
    void pump() {
      while (true) {
        CompletableFuture<Message> f = socket.receiveAsync();
        if (f.isDone()) {
          if (f.isCompletedExceptionally()) {
            return; // closed
          }
          onMessage.accept(f.join());
          continue;
        }
        f.handle((m, e) -> {
          if (e == null) {
            onMessage.accept(m);
            pump();
          }
          return null;
        }).exceptionally(thrown -> {
          System.err.println("receiving stopped: " + thrown); // else the count would just stall
          return null;
        });
        return;
      }
    }
  }

  /** PULL: bind, hold connections; "measure" prints its memory after a full GC. */
  static void rolePull(String url) throws Exception {
    try (Socket s = Socket.open(Protocol.PULL)) {
      s.bind(url);
      say("bound");
      BufferedReader in = stdin();
      String line;
      while ((line = in.readLine()) != null && !line.startsWith("quit")) {
        if (line.startsWith("measure")) {
          for (int i = 0; i < 3; i++) {
            System.gc();
          }
          long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
          long alloc = ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p
              ? p.metric().usedDirectMemory() : -1;
          long netty = PlatformDependent.usedDirectMemory();
          long pool = -1;
          for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) {
              pool = b.getMemoryUsed();
            }
          }
          say("mem heap=" + heap + " direct_alloc=" + alloc + " direct_netty=" + netty + " direct_pool=" + pool);
        }
      }
    }
  }

  /** One PUSH socket; "dial N" connects it N more times to the URL (nothing is sent). */
  static void roleDial(String url) throws Exception {
    try (Socket s = Socket.open(Protocol.PUSH)) {
      BufferedReader in = stdin();
      String line;
      int total = 0;
      while ((line = in.readLine()) != null && !line.startsWith("quit")) {
        if (line.startsWith("dial ")) {
          int n = Integer.parseInt(line.substring(5).trim());
          for (int i = 0; i < n; i++) {
            s.connect(url);
          }
          total += n;
          say("dialed " + total);
        }
      }
    }
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private static BufferedReader stdin() {
    return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
  }

  private static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  static String field(String line, String key) {
    for (String f : line.split(" ", -1)) {
      if (f.startsWith(key + "=")) {
        return f.substring(key.length() + 1);
      }
    }
    throw new IllegalArgumentException("no " + key + " in: " + line);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static List<String> with(List<String> command, String... more) {
    List<String> all = new ArrayList<>(command);
    all.addAll(List.of(more));
    return all;
  }

  /** This JVM's java, class path and {@code --java-opts} (or SCALE_JAVA_OPTS), then the role. */
  private static List<String> javaCommand(Opts o, String role) {
    List<String> c = new ArrayList<>();
    c.add(ProcessHandle.current().info().command().orElse("java"));
    String opts = o.text("java-opts", System.getenv().getOrDefault("SCALE_JAVA_OPTS",
        "-XX:+UseParallelGC -Xmx2g -XX:-UsePerfData -Dio.netty.leakDetection.level=disabled"
            + " -Djava.util.concurrent.ForkJoinPool.common.parallelism=2"));
    for (String opt : opts.trim().split("\\s+", -1)) {
      if (!opt.isEmpty()) {
        c.add(opt);
      }
    }
    c.add("-cp");
    c.add(System.getProperty("java.class.path"));
    c.add(Scale.class.getName());
    c.add(role);
    return c;
  }

  /** {@code --name value} options. */
  static final class Opts {
    private final Map<String, String> values = new HashMap<>();

    Opts(String[] args) {
      for (int i = 0; i + 1 < args.length; i += 2) {
        if (!args[i].startsWith("--")) {
          throw new IllegalArgumentException("not an option: " + args[i]);
        }
        values.put(args[i].substring(2), args[i + 1]);
      }
    }

    boolean has(String name) {
      String v = values.get(name);
      return v != null && !v.isEmpty();
    }

    int integer(String name, int dflt) {
      return has(name) ? Integer.parseInt(values.get(name)) : dflt;
    }

    String text(String name, String dflt) {
      return has(name) ? values.get(name) : dflt;
    }
  }

  /** A started role: lines to its stdin, lines from its stdout; stderr passes through. */
  static final class Child implements AutoCloseable {
    final Process process;
    private final PrintWriter in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private Child(Process process) {
      this.process = process;
      this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String l;
          while ((l = r.readLine()) != null) {
            lines.add(l);
          }
        } catch (IOException e) {
          // the child is gone
        } finally {
          lines.add("\u0000eof");
        }
      }, "scale-child-" + process.pid());
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(List<String> command) {
      try {
        return new Child(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + command, e);
      }
    }

    void send(String line) {
      in.println(line);
    }

    /** The next line that starts with {@code prefix} (other lines are skipped). */
    String expect(String prefix, int seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (true) {
        String l = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (l == null) {
          throw new IllegalStateException("no '" + prefix + "' from pid " + process.pid() + " in " + seconds + " s");
        }
        if (l.equals("\u0000eof")) {
          throw new IllegalStateException("pid " + process.pid() + " ended before '" + prefix + "'");
        }
        if (l.startsWith(prefix)) {
          return l;
        }
      }
    }

    void quit() throws InterruptedException {
      send("quit");
      in.close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroy();
      }
    }

    @Override
    public void close() throws InterruptedException {
      in.close();
      if (process.isAlive() && !process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
