package io.sp4j.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sp4j.Endpoint;
import io.sp4j.Errno;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.SpException;
import io.sp4j.SpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The behaviour every transport owes the socket core, run once per scheme by a one-line subclass: a
 * connect before the bind (and after a refusal) gets through, a second bind of an address is
 * EADDRINUSE, every pattern exchanges messages, a huge message arrives whole, an oversize one is
 * never delivered, and closing a socket frees its address while its peer's dialer reconnects to
 * whoever binds it next.
 */
public abstract class TransportContractTest {
  protected static final Duration WAIT = Duration.ofSeconds(10);
  private final List<Socket> sockets = new ArrayList<>();

  /** An address to bind; may ask for any free port. */
  protected abstract String bindUrl();

  /** The address a dialer uses to reach {@code listener}. */
  protected abstract String dialUrl(Endpoint listener);

  /**
   * An address nobody listens on, which a bind of the very same string can take later: for a dialer
   * that must be told the address before anything is bound there (a network port is then asked of
   * the system and freed, see {@link FreePort}).
   */
  protected abstract String unusedUrl();

  /**
   * Whether peers are across a network: then the transport enforces {@link
   * Options#RECEIVE_MAX_SIZE} and holds them to the receive budget (inproc passes objects).
   */
  protected boolean isNetwork() {
    return true;
  }

  @AfterEach
  void closeSockets() {
    sockets.forEach(Socket::close);
  }

  protected final Socket open(Protocol protocol) {
    Socket socket = Socket.open(protocol);
    socket.set(Options.RECEIVE_TIMEOUT, WAIT);
    socket.set(Options.SEND_TIMEOUT, WAIT);
    socket.set(Options.RECONNECT_INTERVAL, Duration.ofMillis(20));
    sockets.add(socket);
    return socket;
  }

  /** Binds {@code listener}, connects {@code dialer} to it, returns the bound endpoint. */
  private Endpoint join(Socket listener, Socket dialer) {
    Endpoint bound = listener.bind(bindUrl());
    dialer.connect(dialUrl(bound));
    return bound;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void connectBeforeBindGetsThroughOnceTheAddressIsBound() {
    String url = unusedUrl();
    Socket pull = open(Protocol.PULL);
    pull.connect(url); // refused (or pending) at first
    Socket push = open(Protocol.PUSH);
    push.bind(url);
    push.send(bytes("late but here"));
    assertThat(text(pull.receive())).isEqualTo("late but here");
  }

  @Test
  void secondBindOfAnAddressIsAddressInUse() {
    Socket first = open(Protocol.PAIR);
    Endpoint bound = first.bind(bindUrl());
    Socket second = open(Protocol.PAIR);
    assertThatThrownBy(() -> second.bind(dialUrl(bound)))
        .isInstanceOfSatisfying(
            SpException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EADDRINUSE));
  }

  /** The pattern pairs, named by the side that binds. */
  enum Pattern {
    REQ_REP(Protocol.REP, Protocol.REQ),
    PUB_SUB(Protocol.PUB, Protocol.SUB),
    PUSH_PULL(Protocol.PULL, Protocol.PUSH),
    PAIR(Protocol.PAIR, Protocol.PAIR),
    SURVEY(Protocol.RESPONDENT, Protocol.SURVEYOR),
    BUS(Protocol.BUS, Protocol.BUS);

    final Protocol binds;
    final Protocol dials;

    Pattern(Protocol binds, Protocol dials) {
      this.binds = binds;
      this.dials = dials;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Pattern.class)
  void everyPatternExchangesMessages(Pattern pattern) {
    Socket listener = open(pattern.binds);
    Socket dialer = open(pattern.dials);
    if (pattern == Pattern.PUB_SUB) {
      dialer.set(Options.SUBSCRIBE, new byte[0]);
    }
    join(listener, dialer);
    switch (pattern) {
      case REQ_REP -> {
        for (int i = 0; i < 3; i++) {
          dialer.send(bytes("ask " + i));
          assertThat(text(listener.receive())).isEqualTo("ask " + i);
          listener.send(bytes("answer " + i));
          assertThat(text(dialer.receive())).isEqualTo("answer " + i);
        }
      }
      case PUSH_PULL, PAIR -> {
        dialer.send(bytes("one way"));
        assertThat(text(listener.receive())).isEqualTo("one way");
        if (pattern == Pattern.PAIR) {
          listener.send(bytes("other way"));
          assertThat(text(dialer.receive())).isEqualTo("other way");
        }
      }
      case PUB_SUB, BUS -> {
        // Published messages reach only peers already joined: send until one arrives.
        dialer.set(Options.RECEIVE_TIMEOUT, Duration.ofMillis(50));
        await()
            .atMost(WAIT)
            .pollDelay(Duration.ZERO)
            .until(
                () -> {
                  listener.send(bytes("news"));
                  return receivedText(dialer, "news");
                });
        if (pattern == Pattern.BUS) {
          dialer.send(bytes("bus back"));
          assertThat(text(listener.receive())).isEqualTo("bus back");
        }
      }
      case SURVEY -> {
        // A survey reaches only respondents already joined: survey until one is answered. The
        // surveys are numbered and the respondent answers only the latest, so one that came
        // after it stopped waiting is skipped rather than answered in place of the next (an
        // answer the surveyor would drop as stale). Once the latest arrived the pipe is up and
        // its answer is awaited in full: no deadline races the network.
        dialer.set(Options.SURVEY_DEADLINE, WAIT);
        listener.set(Options.RECEIVE_TIMEOUT, Duration.ofMillis(50));
        AtomicInteger round = new AtomicInteger();
        await()
            .atMost(WAIT.multipliedBy(3))
            .pollDelay(Duration.ZERO)
            .until(
                () -> {
                  String survey = "how are you " + round.incrementAndGet();
                  dialer.send(bytes(survey));
                  if (!receivedUpTo(listener, survey, round.get())) {
                    return false;
                  }
                  listener.send(bytes("fine"));
                  return text(dialer.receive()).equals("fine");
                });
      }
      default -> throw new AssertionError(pattern);
    }
  }

  /**
   * Receives until {@code expected}, skipping up to {@code before} earlier messages come late;
   * false once nothing more is there.
   */
  private static boolean receivedUpTo(Socket socket, String expected, int before) {
    try {
      for (int i = 0; i <= before; i++) {
        if (text(socket.receive()).equals(expected)) {
          return true;
        }
      }
      return false;
    } catch (SpTimeoutException e) {
      return false;
    }
  }

  private static boolean receivedText(Socket socket, String expected) {
    try {
      return text(socket.receive()).equals(expected);
    } catch (SpTimeoutException | io.sp4j.ProtocolStateException e) {
      return false;
    }
  }

  @Test
  void hugeMessageArrivesWhole() {
    Socket pull = open(Protocol.PULL);
    pull.set(Options.RECEIVE_MAX_SIZE, -1);
    Socket push = open(Protocol.PUSH);
    join(pull, push);
    byte[] huge = new byte[8 * 1024 * 1024 + 3];
    new Random(42).nextBytes(huge);
    push.send(huge);
    assertThat(pull.receive()).isEqualTo(huge);
    push.send(bytes("after"));
    assertThat(text(pull.receive())).isEqualTo("after");
  }

  /**
   * Sizes from 0 B to 1 MiB in turns while the receiver holds off: over a network large messages
   * fill the socket and leave rests for later writes, and small messages queue behind them. Every
   * message arrives whole and in order.
   */
  @Test
  void mixedSizesArriveWholeAndInOrderWhileTheReceiverHoldsOff() throws Exception {
    Socket pull = open(Protocol.PULL);
    pull.set(Options.RECEIVE_MAX_SIZE, -1);
    Socket push = open(Protocol.PUSH);
    join(pull, push);
    int[] sizes = {1024 * 1024, 300 * 1024, 70_000, 100, 9000, 0, 5, 8192, 8193, 200_000, 1};
    int count = 3 * sizes.length;
    AtomicInteger sent = new AtomicInteger();
    CompletableFuture<Void> sending = new CompletableFuture<>();
    Thread sender =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < count; i++) {
                  push.send(numbered(i, sizes[i % sizes.length]));
                  sent.incrementAndGet();
                }
                sending.complete(null);
              } catch (RuntimeException e) {
                sending.completeExceptionally(e);
              }
            },
            "contract-sender");
    sender.start();
    // The receiver starts once the sender ran into full buffers (it waits in send) or is done.
    await()
        .atMost(WAIT)
        .until(
            () ->
                sent.get() >= 1
                    && (io.sp4j.transport.netty.BlockedThreads.waits(sender) || sending.isDone()));
    for (int i = 0; i < count; i++) {
      assertThat(pull.receive())
          .as("message %d", i)
          .isEqualTo(numbered(i, sizes[i % sizes.length]));
    }
    sending.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
  }

  /** {@code size} bytes that say which message they are, every byte of them. */
  private static byte[] numbered(int index, int size) {
    byte[] body = new byte[size];
    for (int j = 0; j < size; j++) {
      body[j] = (byte) (index * 31 + j * 7 + (j >>> 8));
    }
    return body;
  }

  @Test
  void messageOverTheReceiveLimitIsNeverDelivered() {
    org.junit.jupiter.api.Assumptions.assumeTrue(isNetwork(), "the transport has no receive limit");
    Socket pull = open(Protocol.PULL);
    pull.set(Options.RECEIVE_MAX_SIZE, 1000);
    Socket push = open(Protocol.PUSH);
    join(pull, push);
    push.send(new byte[1001]);
    // The refusal closes the connection: whatever it delivered is queued by the time it is counted.
    await().atMost(WAIT).until(() -> pull.refusals().get(io.sp4j.Refusal.MESSAGE_TOO_LARGE) == 1);
    // The connection is made again; small messages then get through (one may go into the
    // closing connection before the dialer sees it drop: send until one arrives).
    pull.set(Options.RECEIVE_TIMEOUT, Duration.ofMillis(100));
    List<byte[]> received = new ArrayList<>();
    await()
        .atMost(WAIT)
        .pollDelay(Duration.ZERO)
        .until(
            () -> {
              push.send(bytes("small"));
              try {
                received.add(pull.receive());
                return true;
              } catch (SpTimeoutException e) {
                return false;
              }
            });
    assertThat(received).allSatisfy(body -> assertThat(text(body)).isEqualTo("small"));
  }

  /**
   * Many peers send to a socket that does not read: back-pressure stops each only after its read
   * under way, and what goes beyond RECEIVE_BUFFER then is held to RECEIVE_BUDGET. Past it a peer's
   * message is refused (its connection closed, counted), and the socket goes on serving.
   */
  @Test
  void unreadMessagesBeyondTheReceiveBudgetAreRefusedAndTheSocketGoesOn() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        isNetwork(), "in-process peers are bounded by their senders");
    Socket pull = open(Protocol.PULL);
    pull.set(Options.RECEIVE_BUFFER, 1024);
    pull.set(Options.RECEIVE_BUDGET, 64 * 1024L);
    Endpoint bound = pull.bind(bindUrl());
    for (int p = 0; p < 8; p++) {
      Socket push = open(Protocol.PUSH);
      push.connect(dialUrl(bound));
      for (int m = 0; m < 4; m++) {
        push.send(new byte[32 * 1024]);
      }
    }
    await().atMost(WAIT).until(() -> pull.refusals().get(io.sp4j.Refusal.RECEIVE_BUDGET) > 0);
    Socket late = open(Protocol.PUSH);
    late.connect(dialUrl(bound));
    late.send(bytes("after"));
    boolean served = false;
    for (int i = 0; i < 100 && !served; i++) {
      served = text(pull.receive()).equals("after");
    }
    assertThat(served).as("a message sent after the refusals arrives").isTrue();
  }

  @Test
  void closedSocketFreesItsAddressAndThePeerReconnectsToTheNextOne() {
    Socket first = open(Protocol.REP);
    String url = dialUrl(first.bind(bindUrl()));
    Socket req = open(Protocol.REQ);
    req.set(Options.RESEND_INTERVAL, Duration.ofMillis(200));
    req.connect(url);
    req.send(bytes("first"));
    assertThat(text(first.receive())).isEqualTo("first");
    first.send(bytes("from first"));
    assertThat(text(req.receive())).isEqualTo("from first");

    first.close();
    Socket second = open(Protocol.REP);
    second.bind(url); // the address is free again at once
    req.send(bytes("second"));
    assertThat(text(second.receive())).isEqualTo("second");
    second.send(bytes("from second"));
    assertThat(text(req.receive())).isEqualTo("from second");
  }

  @Test
  void closedEndpointDropsTheConnectionsItAcceptedAndTheirPeersMoveOn() {
    Socket first = open(Protocol.PAIR);
    Endpoint bound = first.bind(bindUrl());
    String url = dialUrl(bound);
    Socket dialer = open(Protocol.PAIR);
    dialer.connect(url);
    dialer.send(bytes("to first"));
    assertThat(text(first.receive())).isEqualTo("to first");

    bound.close(); // the socket stays open: only the endpoint and what it accepted go
    Socket second = open(Protocol.PAIR);
    second.bind(url);
    // A PAIR keeps its one peer: had the first connection stayed open, every message would go to
    // first. One sent before the dialer noticed the drop is lost with the connection, so it sends
    // until second has one.
    CompletableFuture<io.sp4j.Message> atSecond = second.receiveAsync();
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              if (!atSecond.isDone()) {
                dialer.send(bytes("to second"));
              }
              return atSecond.isDone();
            });
    assertThat(text(atSecond.join().body())).isEqualTo("to second");
  }

  @Test
  void closedEndpointStopsListening() {
    Socket pair = open(Protocol.PAIR);
    Endpoint bound = pair.bind(bindUrl());
    String url = dialUrl(bound);
    bound.close();
    assertThat(bound.isClosed()).isTrue();
    Socket other = open(Protocol.PAIR);
    other.bind(url); // free again
  }
}
