package io.sp4j.transport;

import static io.sp4j.SocketPair.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sp4j.Message;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.SocketPair;
import io.sp4j.core.ManualTimeSockets;
import io.sp4j.testing.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A dialer's waits between attempts, on a clock the test moves: RECONNECT_INTERVAL after a refused
 * or lost connection, doubling on each failure up to RECONNECT_INTERVAL_MAX, back to the interval
 * after a success. The waits are timers on the socket's scheduler (the endpoint's {@code
 * timers()}), so nothing is tried again until the clock has moved that far. Over inproc every step
 * runs on the test's thread; over tcp Awaitility waits only for the network's answer.
 */
class ReconnectTest {
  private static final Duration INTERVAL = Duration.ofMillis(100);
  private static final Duration MAX = INTERVAL.multipliedBy(4);
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ManualTime time = new ManualTime();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable resource : open) {
      resource.close();
    }
  }

  private Socket dialerOnManualTime(Protocol protocol) {
    Socket dialer =
        ManualTimeSockets.open(protocol, time)
            .set(Options.RECONNECT_INTERVAL, INTERVAL)
            .set(Options.RECONNECT_INTERVAL_MAX, MAX);
    open.add(dialer);
    return dialer;
  }

  /** A PAIR listener already joined to one peer: it refuses every other dialer. */
  private SocketPair takenPair() {
    SocketPair pair = SocketPair.open(Protocol.PAIR, Protocol.PAIR);
    open.add(pair);
    return pair;
  }

  @Test
  void aRefusedInprocDialerTriesAgainWhenTheIntervalHasPassedAndNotBefore() {
    SocketPair taken = takenPair();
    Socket dialer = dialerOnManualTime(Protocol.PAIR);
    dialer.connect(taken.url());
    assertThat(time.dueIn()).as("refused: the next try waits").containsExactly(INTERVAL);

    taken.connected().close(); // the listener's one place is free now
    time.advance(INTERVAL.minusNanos(1));
    assertThat(dialer.trySend(Message.of(bytes("too early")))).isFalse();

    time.advance(Duration.ofNanos(1));
    assertThat(dialer.trySend(Message.of(bytes("linked")))).isTrue();
    assertThat(SocketPair.receiveText(taken.bound())).isEqualTo("linked");
    assertThat(time.pending()).isZero();
  }

  @Test
  void inprocWaitsDoubleUpToTheMaximumAndStartAgainAfterASuccess() {
    SocketPair taken = takenPair();
    Socket dialer = dialerOnManualTime(Protocol.PAIR);
    dialer.connect(taken.url());
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Duration wait = time.dueIn().get(0);
      waits.add(wait);
      time.advance(wait); // refused again
    }
    assertThat(waits).containsExactly(INTERVAL, INTERVAL.multipliedBy(2), MAX, MAX, MAX);

    taken.connected().close();
    time.advance(time.dueIn().get(0));
    assertThat(dialer.trySend(Message.of(bytes("linked")))).isTrue();
    assertThat(SocketPair.receiveText(taken.bound())).isEqualTo("linked");

    // Lost after a success: the first wait is the interval again.
    taken.listener().close();
    assertThat(time.dueIn()).containsExactly(INTERVAL);
  }

  @Test
  void aTcpDialerWaitsDoubleOnTheSocketsClockAndLinkOnceAListenerIsThere() {
    int port = FreePort.on("127.0.0.1");
    String url = "tcp://127.0.0.1:" + port;
    Socket dialer = dialerOnManualTime(Protocol.PAIR);
    dialer.connect(url);
    // Nobody listens: each refused connect (a network answer) schedules the next try.
    await().atMost(WAIT).until(() -> time.dueIn().equals(List.of(INTERVAL)));
    time.advance(INTERVAL);
    await().atMost(WAIT).until(() -> time.dueIn().equals(List.of(INTERVAL.multipliedBy(2))));

    Socket listener = Socket.open(Protocol.PAIR).set(Options.RECEIVE_TIMEOUT, WAIT);
    open.add(listener);
    listener.bind(url);
    time.advance(INTERVAL.multipliedBy(2));
    await().atMost(WAIT).until(() -> dialer.trySend(Message.of(bytes("over tcp"))));
    assertThat(SocketPair.receiveText(listener)).isEqualTo("over tcp");
    assertThat(time.pending()).isZero();

    listener.close(); // lost: the next try after the interval again, not the doubled wait
    await().atMost(WAIT).until(() -> time.dueIn().equals(List.of(INTERVAL)));
  }
}
