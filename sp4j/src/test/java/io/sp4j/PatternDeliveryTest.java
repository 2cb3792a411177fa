package io.sp4j;

import static io.sp4j.SocketPair.bytes;
import static io.sp4j.SocketPair.receiveText;
import static io.sp4j.SocketPair.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pattern delivers a message each way it allows, over {@code inproc://}: cooked and raw, with
 * either side bound.
 */
class PatternDeliveryTest {

  /** A pattern's two roles and what one exchange between them looks like. */
  enum Pattern {
    PAIR(Protocol.PAIR, Protocol.PAIR) {
      @Override
      void exchange(Socket a, Socket b, boolean raw) {
        a.send(bytes("a to b"));
        assertThat(receiveText(b)).isEqualTo("a to b");
        b.send(bytes("b to a"));
        assertThat(receiveText(a)).isEqualTo("b to a");
      }
    },
    PUBSUB(Protocol.PUB, Protocol.SUB) {
      @Override
      void exchange(Socket pub, Socket sub, boolean raw) {
        sub.set(Options.SUBSCRIBE, new byte[0]);
        pub.send(bytes("news"));
        assertThat(receiveText(sub)).isEqualTo("news");
      }
    },
    REQREP(Protocol.REQ, Protocol.REP) {
      @Override
      void exchange(Socket req, Socket rep, boolean raw) {
        askAndAnswer(req, rep, raw);
      }
    },
    PIPELINE(Protocol.PUSH, Protocol.PULL) {
      @Override
      void exchange(Socket push, Socket pull, boolean raw) {
        push.send(bytes("job"));
        assertThat(receiveText(pull)).isEqualTo("job");
      }
    },
    SURVEY(Protocol.SURVEYOR, Protocol.RESPONDENT) {
      @Override
      void exchange(Socket surveyor, Socket respondent, boolean raw) {
        askAndAnswer(surveyor, respondent, raw);
      }
    },
    BUS(Protocol.BUS, Protocol.BUS) {
      @Override
      void exchange(Socket a, Socket b, boolean raw) {
        a.send(bytes("a to b"));
        Message atB = b.receiveMessage();
        assertThat(text(atB.body())).isEqualTo("a to b");
        // Raw BUS tells where a message came from (a 4-byte pipe id); cooked BUS shows nothing.
        assertThat(atB.headerSize()).isEqualTo(raw ? 4 : 0);
        b.send(bytes("b to a"));
        assertThat(receiveText(a)).isEqualTo("b to a");
      }
    };

    final Protocol asker;
    final Protocol answerer;

    Pattern(Protocol asker, Protocol answerer) {
      this.asker = asker;
      this.answerer = answerer;
    }

    abstract void exchange(Socket asker, Socket answerer, boolean raw);
  }

  static Stream<Arguments> everyPatternCookedAndRawEitherSideBound() {
    List<Arguments> cases = new ArrayList<>();
    for (Pattern pattern : Pattern.values()) {
      for (boolean raw : new boolean[] {false, true}) {
        for (boolean askerBinds : new boolean[] {true, false}) {
          cases.add(Arguments.of(pattern, raw, askerBinds));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} raw={1} askerBinds={2}")
  @MethodSource("everyPatternCookedAndRawEitherSideBound")
  void everyPatternDeliversEachWayItAllows(Pattern pattern, boolean raw, boolean askerBinds) {
    Protocol bindSide = askerBinds ? pattern.asker : pattern.answerer;
    Protocol connectSide = askerBinds ? pattern.answerer : pattern.asker;
    try (SocketPair pair = SocketPair.open(bindSide, connectSide, raw)) {
      Socket asker = askerBinds ? pair.bound() : pair.connected();
      Socket answerer = askerBinds ? pair.connected() : pair.bound();
      pattern.exchange(asker, answerer, raw);
      // A second round shows the pair is still in a usable state after the first.
      pattern.exchange(asker, answerer, raw);
    }
  }

  /**
   * REQ/REP and SURVEYOR/RESPONDENT. Cooked: the sockets manage the ids. Raw: the asker writes the
   * id (top bit set) as the header; the answerer sees its pipe id in front of it and hands the
   * header back; the asker gets the id back as the reply's header.
   */
  static void askAndAnswer(Socket asker, Socket answerer, boolean raw) {
    if (!raw) {
      asker.send(bytes("question"));
      assertThat(receiveText(answerer)).isEqualTo("question");
      answerer.send(bytes("answer"));
      assertThat(receiveText(asker)).isEqualTo("answer");
      return;
    }
    byte[] id = word(0x8000_0000 | 4711);
    asker.send(Message.of(id, bytes("question")));
    Message question = answerer.receiveMessage();
    assertThat(text(question.body())).isEqualTo("question");
    assertThat(question.headerSize()).isEqualTo(8);
    assertThat(ByteBuffer.wrap(question.header()).getInt(0)).as("pipe id word").isPositive();
    assertThat(ByteBuffer.wrap(question.header()).getInt(4))
        .as("request id word")
        .isEqualTo(0x8000_0000 | 4711);
    answerer.send(Message.of(question.header(), bytes("answer")));
    Message answer = asker.receiveMessage();
    assertThat(answer.header()).isEqualTo(id);
    assertThat(text(answer.body())).isEqualTo("answer");
  }

  static byte[] word(int value) {
    return ByteBuffer.allocate(4).putInt(value).array();
  }
}
