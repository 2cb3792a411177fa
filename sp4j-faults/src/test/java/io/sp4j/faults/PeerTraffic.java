package io.sp4j.faults;

import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.SocketClosedException;
import io.sp4j.SpException;
import io.sp4j.SpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * What a {@link FaultPeer} does with its socket: PUSH and PUB send numbered records, REQ sends them
 * as requests and reports each reply, PULL and SUB report what they receive, REP reports each
 * request and echoes it back behind its own id. Every line goes to {@link PeerOutput}.
 */
final class PeerTraffic {
  /** Bounds of a sending run, whatever the commands say. */
  private static final long MAX_MESSAGES = 100_000;

  private static final Duration MAX_RUN = Duration.ofMinutes(2);

  private final String id;
  private final Socket socket;
  private final PeerOutput out;
  private volatile boolean stopping;
  private volatile long lastSent;
  private Thread sender;
  private boolean stopReported;

  PeerTraffic(String id, Socket socket, PeerOutput out) {
    this.id = id;
    this.socket = socket;
    this.out = out;
  }

  /** Whether this role sends first (PUSH, PUB, REQ) rather than receives. */
  boolean sends() {
    return switch (socket.protocol()) {
      case PUSH, PUB, REQ -> true;
      default -> false;
    };
  }

  /** Starts reporting what arrives (PULL, SUB) and answering it (REP), until the socket closes. */
  void startReceiving() {
    boolean replies = socket.protocol() == Protocol.REP;
    start(
        "receiver",
        () -> {
          try {
            while (true) {
              String body = new String(socket.receive(), StandardCharsets.US_ASCII);
              out.line(PeerLine.GOT, body);
              if (replies) {
                socket.send((id + ' ' + body).getBytes(StandardCharsets.US_ASCII));
              }
            }
          } catch (SocketClosedException e) {
            // quit: the loop ends with the socket.
          } catch (SpException e) {
            out.line(PeerLine.ERROR, e);
          }
        });
  }

  /** Starts sending a record every {@code interval}, until {@link #stop()}. */
  synchronized void startSending(Duration interval) {
    if (sender != null || !sends()) {
      out.line(PeerLine.ERROR, "start: already sending, or not a sending role");
      return;
    }
    boolean requests = socket.protocol() == Protocol.REQ;
    long deadline = System.nanoTime() + MAX_RUN.toNanos();
    sender =
        start(
            "sender",
            () -> {
              try {
                for (long seq = 1;
                    seq <= MAX_MESSAGES && !stopping && System.nanoTime() < deadline;
                    seq++) {
                  socket.send(
                      new FaultMessage(id, seq).encode().getBytes(StandardCharsets.US_ASCII));
                  lastSent = seq;
                  out.line(PeerLine.SENT, seq);
                  if (requests && !awaitReply(seq)) {
                    return;
                  }
                  LockSupport.parkNanos(interval.toNanos());
                }
              } catch (SocketClosedException e) {
                // quit while sending.
              } catch (SpException e) {
                out.line(PeerLine.ERROR, e);
              }
            });
  }

  /** Ends a sending run after its current message (a REQ: after its reply) and reports the last. */
  void stop() {
    Thread running;
    synchronized (this) {
      stopping = true;
      running = sender;
      if (running == null || stopReported) {
        return;
      }
      stopReported = true;
    }
    try {
      running.join(FaultPeer.PATIENCE.plusSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.line(PeerLine.STOPPED, lastSent);
  }

  private boolean awaitReply(long seq) {
    try {
      String reply = new String(socket.receive(), StandardCharsets.US_ASCII);
      out.line(PeerLine.REPLY, seq, reply);
      return true;
    } catch (SpTimeoutException e) {
      out.line(PeerLine.TIMEOUT, seq);
      return false;
    }
  }

  private static Thread start(String name, Runnable loop) {
    Thread thread = new Thread(loop, name);
    thread.start();
    return thread;
  }
}
