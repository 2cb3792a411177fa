package io.sp4j.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.unix.UnixChannel;
import io.sp4j.Endpoint;
import io.sp4j.Message;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.SocketClosedException;
import io.sp4j.transport.netty.EventLoops;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crossed streams: hundreds of tcp, ipc and ws connections at once whose peers close, reset and
 * dial again at random while the senders keep writing, so new connections keep getting the
 * descriptor numbers of ones just closed. Every message carries its sender's id and sequence
 * number; every receiver must see only its own sender's messages, whole, and in order: within a
 * connection without a gap, across connections only later ones (what was queued for a closed
 * connection is lost, as SP allows). A write into a reused descriptor, or a queue shared across
 * connections, shows here as a foreign id, a gap or a damaged message.
 *
 * <p>Runs {@value #DEFAULT_SECONDS} s in the test suite; {@code bench/crossed-streams.sh} runs it
 * longer through the system properties {@code sp4j.crossedStreams.seconds}, {@code .pairs} (per
 * scheme) and {@code .seed} (the seed is printed with every failure). The {@code nio} profile runs
 * it on NIO.
 */
class CrossedStreamsTest {
  static final int DEFAULT_SECONDS = 8;
  private static final String[] SCHEMES = {"tcp", "ipc", "ws"};

  @TempDir Path dir;

  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final CountDownLatch firstFailure = new CountDownLatch(1);
  private volatile boolean stopping;

  private final Set<Integer> descriptorsSeen = ConcurrentHashMap.newKeySet();
  private final AtomicLong descriptorsReused = new AtomicLong();

  private final CrossedStreamsPeer.Run record =
      new CrossedStreamsPeer.Run() {
        @Override
        public void fail(String what) {
          if (failures.size() < 20) { // the first ones tell; a broken run would make thousands
            failures.add(what);
          }
          firstFailure.countDown();
        }

        /** Counts connections given a descriptor number an earlier one had (epoll shows them). */
        @Override
        public void connected(Channel channel) {
          if (channel instanceof UnixChannel unix && !descriptorsSeen.add(unix.fd().intValue())) {
            descriptorsReused.incrementAndGet();
          }
        }

        @Override
        public boolean stopping() {
          return stopping;
        }
      };

  @Test
  void everyReceiverSeesOnlyItsOwnSenderInOrder() throws Exception {
    long seconds = Long.getLong("sp4j.crossedStreams.seconds", DEFAULT_SECONDS);
    int pairs = Integer.getInteger("sp4j.crossedStreams.pairs", 80);
    long seed = Long.getLong("sp4j.crossedStreams.seed", System.nanoTime());
    String run =
        "seed "
            + seed
            + " (-Dsp4j.crossedStreams.seed="
            + seed
            + "), "
            + pairs
            + " pairs per scheme, "
            + seconds
            + " s, "
            + (EventLoops.isNative() ? "epoll" : "NIO");
    List<Socket> senders = new ArrayList<>();
    List<CrossedStreamsPeer> peers = new ArrayList<>();
    ExecutorService sending = Executors.newFixedThreadPool(2, r -> new Thread(r, "crossed-sender"));
    try {
      for (String scheme : SCHEMES) {
        for (int i = 0; i < pairs; i++) {
          int id = peers.size();
          Socket sender = Socket.open(Protocol.PAIR);
          sender.set(Options.LINGER, Duration.ZERO);
          senders.add(sender);
          peers.add(peer(scheme, id, sender, seed));
          send(sender, id, 0, new Random(seed ^ (id * 0x9E3779B97F4A7C15L)), sending);
        }
      }
      peers.forEach(CrossedStreamsPeer::dial);
      firstFailure.await(seconds, TimeUnit.SECONDS); // the run, cut short by a failure
    } finally {
      stopping = true;
      senders.forEach(Socket::close);
      List<ChannelFuture> closing = new ArrayList<>();
      for (CrossedStreamsPeer peer : peers) {
        ChannelFuture closed = peer.closeCurrent();
        if (closed != null) {
          closing.add(closed);
        }
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> closing.stream().allMatch(ChannelFuture::isDone));
      sending.shutdown();
      assertThat(sending.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    long messages = peers.stream().mapToLong(CrossedStreamsPeer::messages).sum();
    long connections = peers.stream().mapToLong(CrossedStreamsPeer::connections).sum();
    System.out.printf(
        "crossed streams: %,d messages over %,d connections (%s with a reused descriptor); %s%n",
        messages,
        connections,
        EventLoops.isNative() ? String.format("%,d", descriptorsReused.get()) : "NIO: unknown",
        run);
    assertThat(failures).as("broken rules; %s", run).isEmpty();
    if (EventLoops.isNative()) {
      assertThat(descriptorsReused)
          .as("connections that reused a descriptor number; %s", run)
          .hasPositiveValue();
    }
    for (CrossedStreamsPeer peer : peers) {
      assertThat(peer.messages())
          .as("messages received by peer %d; %s", peers.indexOf(peer), run)
          .isPositive();
    }
    assertThat(connections)
        .as("connections made; %s", run)
        .isGreaterThanOrEqualTo(2L * peers.size());
  }

  /** Binds {@code sender} for its scheme and makes the peer that will dial it. */
  private CrossedStreamsPeer peer(String scheme, int id, Socket sender, long seed) {
    long peerSeed = seed * 31 + id;
    switch (scheme) {
      case "tcp" -> {
        Endpoint bound = sender.bind("tcp://127.0.0.1:0");
        return new CrossedStreamsPeer(
            scheme,
            id,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), bound.port()),
            null,
            peerSeed,
            record);
      }
      case "ipc" -> {
        Path file = dir.resolve("s" + id + ".sock");
        sender.bind("ipc://" + file);
        return new CrossedStreamsPeer(
            scheme, id, EventLoops.domainAddress(file), null, peerSeed, record);
      }
      default -> {
        Endpoint bound = sender.bind("ws://127.0.0.1:0/s" + id);
        return new CrossedStreamsPeer(
            scheme,
            id,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), bound.port()),
            "ws://127.0.0.1:" + bound.port() + "/s" + id,
            peerSeed,
            record);
      }
    }
  }

  /**
   * Sends message {@code sequence} and, once the socket took it, the next: one message in flight
   * per sender, waiting (without a thread) while the sender has no peer. Mostly up to 2 KiB, now
   * and then 64 to 100 KiB (written without a copy, and more than a socket takes at once).
   */
  private void send(Socket sender, int id, long sequence, Random random, ExecutorService sending) {
    if (stopping) {
      return;
    }
    int length = random.nextInt(100) == 0 ? 65_536 + random.nextInt(40_000) : random.nextInt(2048);
    sender
        .sendAsync(Message.of(CrossedStreamsPeer.message(id, sequence, length)))
        .handleAsync(
            (sent, failed) -> {
              if (failed == null) {
                send(sender, id, sequence + 1, random, sending);
              } else if (!stopping || !(unwrap(failed) instanceof SocketClosedException)) {
                record.fail("sender " + id + ": " + failed);
              }
              return null;
            },
            sending)
        .exceptionally(
            thrown -> {
              if (!stopping) {
                record.fail(
                    "sender "
                        + id
                        + ": the next send failed to start: "
                        + thrown); // else it goes unseen
              }
              return null;
            });
  }

  private static Throwable unwrap(Throwable failed) {
    return failed instanceof CompletionException && failed.getCause() != null
        ? failed.getCause()
        : failed;
  }
}
