package io.sp4j.bench.jmh;

import io.sp4j.Endpoint;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The whole hot path of one message over a real loopback connection, both ends in this JVM: a PAIR
 * sends 64 B (the protocol, the socket core, the connection's write, the frame or length prefix,
 * the kernel) and its peer receives it (the event loop's read, the decoder, the receive queue). An
 * op is one message, sent and received, so it includes a round of thread wake-ups. Run with {@code
 * -prof gc}: {@code gc.alloc.rate.norm} is what one message costs the heap, both sides together;
 * the message itself is the received body (80 B for 64 B) and two small {@code Message} objects.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WireBenchmark extends JmhDefaults {
  @Param({"ws", "tcp", "ipc"})
  public String scheme;

  private Socket sender;
  private Socket receiver;
  private Path socketFile;
  private final byte[] body = new byte[64];

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    receiver = Socket.open(Protocol.PAIR);
    sender = Socket.open(Protocol.PAIR);
    String url;
    if (scheme.equals("ipc")) {
      socketFile = Files.createTempDirectory("sp4j-wire").resolve("s");
      url = "ipc://" + socketFile;
      receiver.bind(url);
    } else {
      Endpoint bound = receiver.bind(scheme + "://127.0.0.1:0");
      url = scheme + "://127.0.0.1:" + bound.port();
    }
    sender.connect(url);
    receiver.set(Options.RECEIVE_TIMEOUT, Duration.ofSeconds(10));
    sender.send(body); // waits until the dialer's pipe is up
    receiver.receive();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    sender.close();
    receiver.close();
    if (socketFile != null) {
      Files.deleteIfExists(socketFile);
      Files.deleteIfExists(socketFile.getParent());
    }
  }

  /** Messages per {@link #burst}: well within the send and receive buffers (64 × 64 B). */
  static final int BURST = 64;

  /** One 64 B message across the connection. */
  @Benchmark
  public byte[] message() {
    sender.send(body);
    return receiver.receive();
  }

  /** {@value #BURST} messages of 64 B sent back to back, then received. */
  @Benchmark
  @OperationsPerInvocation(BURST)
  public int burst() {
    for (int i = 0; i < BURST; i++) {
      sender.send(body);
    }
    int bytes = 0;
    for (int i = 0; i < BURST; i++) {
      bytes += receiver.receive().length;
    }
    return bytes;
  }
}
