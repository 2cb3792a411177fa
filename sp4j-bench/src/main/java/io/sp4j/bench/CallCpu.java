package io.sp4j.bench;

import io.sp4j.Endpoint;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.transport.netty.EventLoops;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * CPU time per call of the user threads, read from each thread's own CPU clock, so that a busy
 * machine's preemption (which inflates wall-clock rates and JMH's average time) does not enter it.
 *
 * <pre>
 *   java -cp spperf.jar io.sp4j.bench.CallCpu inproc &lt;size&gt; &lt;steps&gt; &lt;reps&gt;
 *   java -cp spperf.jar io.sp4j.bench.CallCpu tcp|ws &lt;size&gt; &lt;messages&gt; &lt;reps&gt;
 * </pre>
 *
 * inproc: one thread sends on one PAIR socket and receives on its peer, so a step is both calls and
 * the inproc hand-over. tcp, ws: a PAIR pair in this process over loopback, one thread sending, one
 * receiving; prints each thread's CPU per message and the process's (event loops included). Each
 * figure is the median of {@code reps} rounds after one warm-up round.
 */
public final class CallCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private CallCpu() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 4) {
      System.err.println("usage: CallCpu inproc|tcp|ws <size> <count> <reps>");
      System.exit(1);
    }
    int size = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    int reps = Integer.parseInt(args[3]);
    if (args[0].equals("inproc")) {
      inproc(size, count, reps);
    } else {
      loopback(args[0], size, count, reps);
    }
    EventLoops.endBeforeExit(Duration.ofMillis(500));
    System.exit(0);
  }

  private static void inproc(int size, int steps, int reps) {
    try (Socket receiver = Socket.open(Protocol.PAIR);
        Socket sender = Socket.open(Protocol.PAIR)) {
      receiver.bind("inproc://call-cpu");
      sender.connect("inproc://call-cpu");
      receiver.set(Options.RECEIVE_TIMEOUT, Duration.ofSeconds(5));
      byte[] body = new byte[size];
      double[] perStep = new double[reps + 1];
      for (int round = 0; round <= reps; round++) {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < steps; i++) {
          sender.send(body);
          receiver.receive();
        }
        perStep[round] = (THREADS.getCurrentThreadCpuTime() - start) / (double) steps;
      }
      System.out.printf(
          Locale.ROOT, "inproc %d: thread CPU %.0f ns per step%n", size, median(perStep));
    }
  }

  private static void loopback(String scheme, int size, int messages, int reps)
      throws InterruptedException {
    try (Socket receiver = Socket.open(Protocol.PAIR);
        Socket sender = Socket.open(Protocol.PAIR)) {
      Endpoint bound = receiver.bind(scheme + "://127.0.0.1:0");
      sender.connect(scheme + "://127.0.0.1:" + bound.port());
      receiver.set(Options.RECEIVE_TIMEOUT, Duration.ofSeconds(10));
      sender.set(Options.SEND_TIMEOUT, Duration.ofSeconds(10));
      double[] received = new double[reps + 1];
      Thread receiving =
          new Thread(
              () -> {
                for (int round = 0; round <= reps; round++) {
                  long start = THREADS.getCurrentThreadCpuTime();
                  for (int i = 0; i < messages; i++) {
                    receiver.receive();
                  }
                  received[round] = (THREADS.getCurrentThreadCpuTime() - start) / (double) messages;
                }
              },
              "receiver");
      receiving.start();
      byte[] body = new byte[size];
      double[] sent = new double[reps + 1];
      double[] process = new double[reps + 1];
      double[] rate = new double[reps + 1];
      for (int round = 0; round <= reps; round++) {
        long thread = THREADS.getCurrentThreadCpuTime();
        long all = OS.getProcessCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < messages; i++) {
          sender.send(body);
        }
        sent[round] = (THREADS.getCurrentThreadCpuTime() - thread) / (double) messages;
        process[round] = (OS.getProcessCpuTime() - all) / (double) messages;
        rate[round] = messages * 1e9 / (System.nanoTime() - wall);
      }
      receiving.join();
      System.out.printf(
          Locale.ROOT,
          "%s %d: sender thread %.0f, receiver thread %.0f, process %.0f ns CPU per message;"
              + " %.0f msg/s sent%n",
          scheme,
          size,
          median(sent),
          median(received),
          median(process),
          median(rate));
    }
  }

  /** The median of all rounds but the first (the warm-up). */
  private static double median(double[] rounds) {
    double[] measured = Arrays.copyOfRange(rounds, 1, rounds.length);
    Arrays.sort(measured);
    return measured[measured.length / 2];
  }
}
