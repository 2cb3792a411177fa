package io.sp4j.bench;

import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * The four perf tools, each a line-by-line port of nanomsg 1.1.5 {@code perf/*.c} as built in
 * {@code shared/bench}: the same socket options (no receive size limit, TCP_NODELAY on the latency
 * tools, 1 s linger), the same sync message, the same clock points and printed lines.
 */
enum PerfTool {
  /** Bind, echo {@code rts} messages, sleep 1 s, close. Prints nothing. */
  LOCAL_LAT("local_lat", "<bind-to> <msg-size> <roundtrips>") {
    @Override
    void run(String url, int size, int rts, PrintStream out) {
      try (Socket s = open(true)) {
        bind(s, url);
        for (int i = 0; i != rts; i++) {
          byte[] buf = receive(s, size);
          send(s, buf);
        }
        lingerSleep();
      }
    }
  },

  /** Connect, time {@code rts} send+receive round trips; prints the average one-way latency. */
  REMOTE_LAT("remote_lat", "<connect-to> <msg-size> <roundtrips>") {
    @Override
    void run(String url, int size, int rts, PrintStream out) {
      try (Socket s = open(true)) {
        connect(s, url);
        byte[] buf = filled(size);
        long start = nowMicros();
        for (int i = 0; i != rts; i++) {
          send(s, buf);
          buf = receive(s, size);
        }
        long total = nowMicros() - start;
        double lat = (double) total / (rts * 2);
        out.printf(Locale.ROOT, "message size: %d [B]\n", size);
        out.printf(Locale.ROOT, "roundtrip count: %d\n", rts);
        out.printf(Locale.ROOT, "average latency: %.3f [us]\n", lat);
        out.flush();
      }
    }
  },

  /** Bind, wait for the empty sync message, time {@code count} receives; prints throughput. */
  LOCAL_THR("local_thr", "<bind-to> <msg-size> <msg-count>") {
    @Override
    void run(String url, int size, int count, PrintStream out) {
      try (Socket s = open(false)) {
        bind(s, url);
        receive(s, 0, "receive (sync)");
        long start = nowMicros();
        for (int i = 0; i != count; i++) {
          receive(s, size);
        }
        long total = nowMicros() - start;
        if (total == 0) {
          total = 1;
        }
        long thr = (long) ((double) count / (double) total * 1000000);
        double mbs = (double) (thr * size * 8) / 1000000;
        out.printf(Locale.ROOT, "message size: %d [B]\n", size);
        out.printf(Locale.ROOT, "message count: %d\n", count);
        out.printf(Locale.ROOT, "throughput: %d [msg/s]\n", (int) thr);
        out.printf(Locale.ROOT, "throughput: %.3f [Mb/s]\n", mbs);
        out.flush();
      }
    }
  },

  /** Connect, send the empty sync message and {@code count} messages, sleep 1 s, close. */
  REMOTE_THR("remote_thr", "<connect-to> <msg-size> <msg-count>") {
    @Override
    void run(String url, int size, int count, PrintStream out) {
      try (Socket s = open(false)) {
        connect(s, url);
        byte[] buf = filled(size);
        send(s, new byte[0], "send (sync)");
        for (int i = 0; i != count; i++) {
          send(s, buf); // sp4j does not copy; buf is never changed
        }
        lingerSleep();
      }
    }
  };

  private final String command;
  private final String arguments;

  PerfTool(String command, String arguments) {
    this.command = command;
    this.arguments = arguments;
  }

  String command() {
    return command;
  }

  String arguments() {
    return arguments;
  }

  /** Runs the tool. @throws Failure as the C tools' {@code perf_check} would exit. */
  abstract void run(String url, int size, int count, PrintStream out);

  static PerfTool named(String command) {
    for (PerfTool t : values()) {
      if (t.command.equals(command)) {
        return t;
      }
    }
    return null;
  }

  /** A failed call: {@code "<what> failed: <why>"}, exit status 3. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String what, String why) {
      super(what + " failed: " + why);
    }
  }

  // ---- the calls, each checked as perf_check does ---------------------------------------

  private static Socket open(boolean noDelay) {
    Socket s;
    try {
      s = Socket.open(Protocol.PAIR);
    } catch (RuntimeException e) {
      throw new Failure("socket", String.valueOf(e.getMessage()));
    }
    try {
      // Set before bind/connect: a connection takes its settings when it is made.
      s.set(Options.RECEIVE_MAX_SIZE, -1);
      s.set(Options.LINGER, Duration.ofSeconds(1));
      if (noDelay) {
        s.set(Options.TCP_NODELAY, true);
      }
      return s;
    } catch (RuntimeException e) {
      s.close();
      throw new Failure("setsockopt", String.valueOf(e.getMessage()));
    }
  }

  private static void bind(Socket s, String url) {
    try {
      s.bind(url);
    } catch (RuntimeException e) {
      throw new Failure("bind", String.valueOf(e.getMessage()));
    }
  }

  private static void connect(Socket s, String url) {
    try {
      s.connect(url);
    } catch (RuntimeException e) {
      throw new Failure("connect", String.valueOf(e.getMessage()));
    }
  }

  private static byte[] receive(Socket s, int size) {
    return receive(s, size, "receive");
  }

  private static byte[] receive(Socket s, int size, String what) {
    byte[] body;
    try {
      body = s.receive();
    } catch (RuntimeException e) {
      throw new Failure(what, String.valueOf(e.getMessage()));
    }
    if (body.length != size) {
      throw new Failure(what, "got " + body.length + " bytes, expected " + size);
    }
    return body;
  }

  private static void send(Socket s, byte[] body) {
    send(s, body, "send");
  }

  private static void send(Socket s, byte[] body, String what) {
    try {
      s.send(body);
    } catch (RuntimeException e) {
      throw new Failure(what, String.valueOf(e.getMessage()));
    }
  }

  private static byte[] filled(int size) {
    byte[] buf = new byte[Math.max(size, 0)];
    Arrays.fill(buf, (byte) 111);
    return buf;
  }

  /** The C tools' clock: microseconds, monotonic. */
  private static long nowMicros() {
    return System.nanoTime() / 1000;
  }

  /** "Linger doesn't always work, so stick around another second" (nanomsg perf tools). */
  private static void lingerSleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
