package io.sp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * spcat's loops for each socket type, run in this JVM against a socket the test opens, over
 * inproc://. Every run ends by itself (a receive timeout, one send) or by an interrupt.
 */
@Timeout(30)
class SocketLoopsTest {
  private static final Duration END = Duration.ofSeconds(10);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static String address() {
    return "inproc://spcat-loops-" + NAMES.incrementAndGet();
  }

  private static Socket open(Protocol protocol) {
    return Socket.open(protocol)
        .set(Options.RECEIVE_TIMEOUT, Duration.ofSeconds(5))
        .set(Options.SEND_TIMEOUT, Duration.ofSeconds(5));
  }

  @Test
  void pullPrintsEachMessageQuotedAndEndsWhenTheReceiveTimesOut() throws Exception {
    String url = address();
    try (Socket push = open(Protocol.PUSH)) {
      push.bind(url);
      SpCatRun spcat = SpCatRun.start("--pull", "--connect", url, "--recv-timeout", "1", "-Q");
      push.send(bytes("one\n"));
      push.send(new byte[] {0, (byte) 0xff, '"'});

      assertThat(spcat.awaitStatus(END)).isZero();
      assertThat(spcat.stdoutText()).isEqualTo("\"one\\n\"\n\"\\x00\\xff\\\"\"\n");
      assertThat(spcat.stderr()).isEmpty();
    }
  }

  @Test
  void pushSendsTheDataOnceAndExits0() throws Exception {
    String url = address();
    try (Socket pull = open(Protocol.PULL)) {
      pull.bind(url);
      SpCatRun spcat = SpCatRun.start("--push", "--connect", url, "-D", "hello");

      assertThat(pull.receive()).isEqualTo(bytes("hello"));
      assertThat(spcat.awaitStatus(END)).isZero();
    }
  }

  @Test
  void pushReadsTheDataFromStdinWithFileDash() throws Exception {
    String url = address();
    try (Socket pull = open(Protocol.PULL)) {
      pull.bind(url);
      byte[] data = {1, 2, 3, 0, (byte) 0xfe};
      SpCatRun spcat = SpCatRun.runWithStdin(data, "--push", "--connect", url, "-F", "-");

      assertThat(spcat.status()).isZero();
      assertThat(pull.receive()).isEqualTo(data);
    }
  }

  @Test
  void subWithPrefixesPrintsOnlyWhatMatches() throws Exception {
    String url = address();
    try (Socket pub = open(Protocol.PUB)) {
      pub.bind(url);
      SpCatRun spcat =
          SpCatRun.start(
              "--sub",
              "--connect",
              url,
              "--subscribe",
              "a",
              "--subscribe",
              "b",
              "--recv-timeout",
              "1",
              "-A");
      // PUB drops what is sent before the subscriber is there: publish until it prints.
      await()
          .atMost(END)
          .until(
              () -> {
                pub.send(bytes("cx"));
                pub.send(bytes("ax"));
                return spcat.stdoutText().contains("ax\n") || spcat.hasEnded();
              });
      pub.send(bytes("b\u0001"));

      assertThat(spcat.awaitStatus(END)).isZero();
      assertThat(spcat.stdoutText()).contains("b.\n").doesNotContain("cx");
    }
  }

  @Test
  void reqSendsOnePrintsTheReplyAndEnds() throws Exception {
    String url = address();
    try (Socket rep = open(Protocol.REP)) {
      rep.bind(url);
      SpCatRun spcat = SpCatRun.start("--req", "--connect", url, "-D", "ping", "--hex");

      assertThat(rep.receive()).isEqualTo(bytes("ping"));
      rep.send(bytes("ok"));

      // With the reply in, a REQ has nothing to wait for (EFSM): spcat ends with 0.
      assertThat(spcat.awaitStatus(END)).isZero();
      assertThat(spcat.stdoutText()).isEqualTo("\"\\x6f\\x6b\"\n");
    }
  }

  @Test
  void reqWithIntervalAsksAgainUntilInterrupted() throws Exception {
    String url = address();
    try (Socket rep = open(Protocol.REP)) {
      rep.bind(url);
      SpCatRun spcat =
          SpCatRun.start("--req", "--connect", url, "-D", "again", "-i", "0.05", "--raw");
      for (int i = 0; i < 3; i++) {
        assertThat(rep.receive()).isEqualTo(bytes("again"));
        rep.send(bytes("r" + i));
      }
      await().atMost(END).until(() -> spcat.stdoutText().equals("r0r1r2"));

      spcat.interrupt();
      assertThat(spcat.awaitStatus(END)).isEqualTo(3);
      assertThat(spcat.stderr()).hasLineCount(1);
    }
  }

  @Test
  void repAnswersEachRequestWithTheData() throws Exception {
    String url = address();
    try (Socket req = open(Protocol.REQ)) {
      req.bind(url);
      SpCatRun spcat =
          SpCatRun.start("--rep", "--connect", url, "-D", "pong", "--recv-timeout", "1", "-A");
      for (int i = 0; i < 2; i++) {
        req.send(bytes("ping" + i));
        assertThat(req.receive()).isEqualTo(bytes("pong"));
      }

      // A REP with data treats a receive timeout as an error, as nanocat does.
      assertThat(spcat.awaitStatus(END)).isEqualTo(3);
      assertThat(spcat.stderr())
          .isEqualTo("Can't recv: Connection timed out" + System.lineSeparator());
      assertThat(spcat.stdoutText()).isEqualTo("ping0\nping1\n");
    }
  }

  @Test
  void repWithoutDataOnlyPrints() throws Exception {
    String url = address();
    try (Socket req = open(Protocol.REQ)) {
      req.bind(url);
      SpCatRun spcat =
          SpCatRun.start("--rep", "--connect", url, "--recv-timeout", "1", "--msgpack");
      req.send(bytes("q"));

      assertThat(spcat.awaitStatus(END)).isZero();
      assertThat(spcat.stdout()).isEqualTo(new byte[] {(byte) 0xc4, 1, 'q'});
    }
  }

  @Test
  void surveyorPrintsResponsesUntilTheDeadline() throws Exception {
    String url = address();
    try (Socket respondent = open(Protocol.RESPONDENT)) {
      respondent.bind(url);
      SpCatRun spcat = SpCatRun.start("--surveyor", "--connect", url, "-D", "who?", "-A");

      assertThat(respondent.receive()).isEqualTo(bytes("who?"));
      respondent.send(bytes("me"));

      assertThat(spcat.awaitStatus(END)).isZero();
      assertThat(spcat.stdoutText()).isEqualTo("me\n");
    }
  }

  @Test
  void pairWithDataSendsThenPrintsWhatComesBack() throws Exception {
    String url = address();
    try (Socket pair = open(Protocol.PAIR)) {
      pair.bind(url);
      SpCatRun spcat =
          SpCatRun.start("--pair", "--connect", url, "-D", "hi", "--recv-timeout", "1", "-A");

      assertThat(pair.receive()).isEqualTo(bytes("hi"));
      pair.send(bytes("back"));

      assertThat(spcat.awaitStatus(END)).isZero();
      assertThat(spcat.stdoutText()).isEqualTo("back\n");
    }
  }

  @Test
  void busWithIntervalResendsAndPrintsBetweenSends() throws Exception {
    String url = address();
    try (Socket bus = open(Protocol.BUS)) {
      bus.bind(url);
      SpCatRun spcat =
          SpCatRun.start(
              "--bus", "--connect", url, "-D", "tick", "-i", "0.05", "--recv-timeout", "1", "-A");
      assertThat(bus.receive()).isEqualTo(bytes("tick"));
      assertThat(bus.receive()).isEqualTo(bytes("tick"));
      bus.send(bytes("tock"));
      await().atMost(END).until(() -> spcat.stdoutText().equals("tock\n"));

      spcat.interrupt();
      assertThat(spcat.awaitStatus(END)).isEqualTo(3);
    }
  }

  @Test
  void delayWaitsBeforeTheFirstSend() throws Exception {
    String url = address();
    try (Socket pull = open(Protocol.PULL)) {
      pull.bind(url);
      long start = System.nanoTime();
      SpCatRun spcat = SpCatRun.start("--push", "--connect", url, "-D", "late", "-d", "0.3");

      assertThat(pull.receive()).isEqualTo(bytes("late"));
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
      assertThat(spcat.awaitStatus(END)).isZero();
    }
  }

  @Test
  void textFlagIsAcceptedOnInproc() throws Exception {
    String url = address();
    try (Socket pull = open(Protocol.PULL)) {
      pull.bind(url);
      SpCatRun spcat = SpCatRun.start("--push", "--connect", url, "-D", "txt", "--text");

      assertThat(pull.receive()).isEqualTo(bytes("txt"));
      assertThat(spcat.awaitStatus(END)).isZero();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
