package io.sp4j.attack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Round after round, a {@link HalfMessagePeer} in its own JVM connects, sends half of a message,
 * says it is ready, and is killed with SIGKILL ({@link Process#destroyForcibly()} on Linux): no
 * close of its own, the kernel ends its connection. The server must let go of each.
 */
public final class KilledPeersAttack implements Attack {
  private final AttackAddress target;
  private final int rounds;
  private final Duration readyTimeout;
  private final List<String> errors = new ArrayList<>();
  private Process current;
  private int killed;
  private double seconds;

  /**
   * @param readyTimeout how long a peer may take to start, connect and send
   */
  public KilledPeersAttack(AttackAddress target, int rounds, Duration readyTimeout) {
    this.target = target;
    this.rounds = rounds;
    this.readyTimeout = readyTimeout;
  }

  @Override
  public String name() {
    return "killed-peers";
  }

  /** Runs every round; the peak of this attack is its whole run. */
  @Override
  public void launch() throws IOException, InterruptedException {
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      current =
          new ProcessBuilder(command()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try {
        if (awaitReady(current)) {
          killed++;
        } else {
          errors.add("peer " + i + " was not ready in " + readyTimeout);
        }
      } finally {
        current.destroyForcibly();
        current.waitFor(10, TimeUnit.SECONDS);
      }
    }
    seconds = (System.nanoTime() - start) / 1e9;
  }

  private boolean awaitReady(Process peer) throws IOException, InterruptedException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
    Thread watchdog =
        new Thread(
            () -> {
              try {
                if (!peer.waitFor(readyTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                  peer.destroyForcibly(); // ends the read below
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "peer-ready-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      String line = out.readLine();
      return "ready".equals(line);
    } finally {
      watchdog.interrupt();
    }
  }

  private List<String> command() {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A peer lives a second: no tiered compilation beyond C1, a small heap, no JIT threads to
    // spare.
    c.addAll(List.of("-Xmx32m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
    c.add("-cp");
    c.add(System.getProperty("java.class.path"));
    c.add(HalfMessagePeer.class.getName());
    c.add(target.scheme().name().toLowerCase(Locale.ROOT));
    c.add(Integer.toString(target.port()));
    c.add(target.server().name());
    return c;
  }

  @Override
  public Map<String, Object> results() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("rounds", rounds);
    r.put("killedWhileHalfSent", killed);
    r.put("errors", errors);
    r.put("seconds", Math.round(seconds * 100) / 100.0);
    return r;
  }

  @Override
  public void close() {
    Process p = current;
    if (p != null) {
      p.destroyForcibly();
    }
  }
}
