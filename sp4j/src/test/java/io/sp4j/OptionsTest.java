package io.sp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Socket options: defaults, checks, which socket types have which, read-only ones. */
class OptionsTest {

  /** The options only some socket types have, and which (cooked) ones. */
  private static final List<Arguments> PROTOCOL_OPTIONS =
      List.of(
          Arguments.of(Options.SUBSCRIBE, Set.of(Protocol.SUB)),
          Arguments.of(Options.UNSUBSCRIBE, Set.of(Protocol.SUB)),
          Arguments.of(Options.RESEND_INTERVAL, Set.of(Protocol.REQ)),
          Arguments.of(Options.SURVEY_DEADLINE, Set.of(Protocol.SURVEYOR)));

  static Stream<Arguments> socketOptionDefaults() {
    return Stream.of(
        Arguments.of(Options.RECEIVE_TIMEOUT, null),
        Arguments.of(Options.SEND_TIMEOUT, null),
        Arguments.of(Options.LINGER, Duration.ofSeconds(1)),
        Arguments.of(Options.RECONNECT_INTERVAL, Duration.ofMillis(100)),
        Arguments.of(Options.RECONNECT_INTERVAL_MAX, Duration.ZERO),
        Arguments.of(Options.RECEIVE_MAX_SIZE, 1024 * 1024),
        Arguments.of(Options.SEND_BUFFER, 128 * 1024),
        Arguments.of(Options.RECEIVE_BUFFER, 128 * 1024),
        Arguments.of(Options.MAX_TTL, 8),
        Arguments.of(Options.SEND_PRIORITY, 8),
        Arguments.of(Options.RECEIVE_PRIORITY, 8));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("socketOptionDefaults")
  void everySocketOfEveryTypeStartsWithTheDefault(Option<Object> option, Object expected) {
    for (Protocol protocol : Protocol.values()) {
      for (boolean raw : new boolean[] {false, true}) {
        try (Socket socket = raw ? Socket.openRaw(protocol) : Socket.open(protocol)) {
          assertThat(socket.get(option))
              .as("%s on %s raw=%s", option, protocol, raw)
              .isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void protocolOptionsStartWithTheirDefaults() {
    try (Socket req = Socket.open(Protocol.REQ);
        Socket surveyor = Socket.open(Protocol.SURVEYOR)) {
      assertThat(req.get(Options.RESEND_INTERVAL)).isEqualTo(Duration.ofSeconds(60));
      assertThat(surveyor.get(Options.SURVEY_DEADLINE)).isEqualTo(Duration.ofSeconds(1));
    }
  }

  @Test
  void everyReadableOptionReadsBackItsDeclaredDefault() throws IllegalAccessException {
    List<Option<?>> checked = new ArrayList<>();
    for (Option<?> option : allOptions()) {
      if (!option.isReadable() || !option.isWritable()) {
        continue;
      }
      for (Protocol protocol : Protocol.values()) {
        try (Socket socket = Socket.open(protocol)) {
          Object value;
          try {
            value = socket.get(option);
          } catch (IllegalArgumentException lacking) {
            continue; // a protocol option of another socket type
          }
          assertThat(value).as("%s on %s", option, protocol).isEqualTo(option.defaultValue());
          checked.add(option);
        }
      }
    }
    assertThat(checked).isNotEmpty();
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void theReadOnlyOptionsTellTheProtocolAndCannotBeSet(Protocol protocol) {
    for (boolean raw : new boolean[] {false, true}) {
      try (Socket socket = raw ? Socket.openRaw(protocol) : Socket.open(protocol)) {
        assertThat(socket.get(Options.PROTOCOL)).isEqualTo(protocol);
        assertThat(socket.get(Options.PEER_PROTOCOL)).isEqualTo(protocol.peer());
        assertThat(socket.get(Options.RAW)).isEqualTo(raw);
        assertThatThrownBy(() -> socket.set(Options.PROTOCOL, Protocol.BUS))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("PROTOCOL");
        assertThatThrownBy(() -> socket.set(Options.PEER_PROTOCOL, Protocol.BUS))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("PEER_PROTOCOL");
        assertThatThrownBy(() -> socket.set(Options.RAW, !raw))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("RAW");
        assertThat(socket.get(Options.PROTOCOL)).isEqualTo(protocol);
      }
    }
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(Protocol.PAIR, Options.RECEIVE_TIMEOUT, Duration.ofMillis(-1)),
        Arguments.of(Protocol.PAIR, Options.SEND_TIMEOUT, Duration.ofMillis(-1)),
        Arguments.of(Protocol.PAIR, Options.LINGER, Duration.ofMillis(-1)),
        Arguments.of(Protocol.PAIR, Options.LINGER, null),
        Arguments.of(Protocol.PAIR, Options.RECONNECT_INTERVAL, Duration.ofMillis(-1)),
        Arguments.of(Protocol.PAIR, Options.RECONNECT_INTERVAL_MAX, Duration.ofMillis(-1)),
        Arguments.of(Protocol.PAIR, Options.RECEIVE_MAX_SIZE, -2),
        Arguments.of(Protocol.PAIR, Options.RECEIVE_MAX_SIZE, null),
        Arguments.of(Protocol.PAIR, Options.SEND_BUFFER, 0),
        Arguments.of(Protocol.PAIR, Options.RECEIVE_BUFFER, 0),
        Arguments.of(Protocol.PAIR, Options.RECEIVE_BUFFER, -1),
        Arguments.of(Protocol.PAIR, Options.MAX_TTL, 0),
        Arguments.of(Protocol.PAIR, Options.MAX_TTL, 256),
        Arguments.of(Protocol.PAIR, Options.SEND_PRIORITY, 0),
        Arguments.of(Protocol.PAIR, Options.SEND_PRIORITY, 17),
        Arguments.of(Protocol.PAIR, Options.RECEIVE_PRIORITY, 0),
        Arguments.of(Protocol.PAIR, Options.RECEIVE_PRIORITY, 17),
        Arguments.of(Protocol.REQ, Options.RESEND_INTERVAL, Duration.ZERO),
        Arguments.of(Protocol.REQ, Options.RESEND_INTERVAL, null),
        Arguments.of(Protocol.SURVEYOR, Options.SURVEY_DEADLINE, Duration.ofMillis(-5)),
        Arguments.of(Protocol.SUB, Options.SUBSCRIBE, null),
        Arguments.of(Protocol.SUB, Options.UNSUBSCRIBE, SocketPair.bytes("never subscribed")));
  }

  @ParameterizedTest(name = "{0} {1} = {2}")
  @MethodSource("badValues")
  void aBadValueIsRefusedWithTheOptionsNameAndTheOldValueStays(
      Protocol protocol, Option<Object> option, Object bad) {
    try (Socket socket = Socket.open(protocol)) {
      Object before = option.isReadable() ? socket.get(option) : null;
      assertThatThrownBy(() -> socket.set(option, bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(option.name());
      if (option.isReadable()) {
        assertThat(socket.get(option)).isEqualTo(before);
      }
    }
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aValueOfTheWrongTypeIsRefusedWithTheOptionsName() {
    try (Socket socket = Socket.open(Protocol.PAIR)) {
      Option untyped = Options.RECEIVE_BUFFER;
      assertThatThrownBy(() -> socket.set(untyped, "a lot"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("RECEIVE_BUFFER");
    }
  }

  @Test
  void goodValuesAreKept() {
    try (Socket socket = Socket.open(Protocol.REQ)) {
      socket
          .set(Options.RECEIVE_TIMEOUT, Duration.ZERO)
          .set(Options.SEND_TIMEOUT, Duration.ofMillis(5))
          .set(Options.MAX_TTL, 255)
          .set(Options.RECEIVE_MAX_SIZE, -1)
          .set(Options.SEND_PRIORITY, 1)
          .set(Options.RESEND_INTERVAL, Duration.ofMillis(1));
      assertThat(socket.get(Options.RECEIVE_TIMEOUT)).isZero();
      assertThat(socket.get(Options.SEND_TIMEOUT)).isEqualTo(Duration.ofMillis(5));
      assertThat(socket.get(Options.MAX_TTL)).isEqualTo(255);
      assertThat(socket.get(Options.RECEIVE_MAX_SIZE)).isEqualTo(-1);
      assertThat(socket.get(Options.SEND_PRIORITY)).isEqualTo(1);
      assertThat(socket.get(Options.RESEND_INTERVAL)).isEqualTo(Duration.ofMillis(1));
      socket.set(Options.RECEIVE_TIMEOUT, null);
      assertThat(socket.get(Options.RECEIVE_TIMEOUT)).as("null: wait forever again").isNull();
    }
  }

  static Stream<Arguments> optionsASocketTypeLacks() {
    List<Arguments> cases = new ArrayList<>();
    for (Arguments entry : PROTOCOL_OPTIONS) {
      Option<?> option = (Option<?>) entry.get()[0];
      @SuppressWarnings("unchecked")
      Set<Protocol> owners = (Set<Protocol>) entry.get()[1];
      for (Protocol protocol : Protocol.values()) {
        if (!owners.contains(protocol)) {
          cases.add(Arguments.of(protocol, false, option));
        }
      }
    }
    // Raw sockets have no resends and no deadlines.
    cases.add(Arguments.of(Protocol.REQ, true, Options.RESEND_INTERVAL));
    cases.add(Arguments.of(Protocol.SURVEYOR, true, Options.SURVEY_DEADLINE));
    return cases.stream();
  }

  @ParameterizedTest(name = "{2} on {0} raw={1}")
  @MethodSource("optionsASocketTypeLacks")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void anOptionTheSocketTypeLacksIsAnIllegalArgument(
      Protocol protocol, boolean raw, Option option) {
    try (Socket socket = raw ? Socket.openRaw(protocol) : Socket.open(protocol)) {
      Object value = option.type() == byte[].class ? new byte[0] : Duration.ofSeconds(1);
      assertThatThrownBy(() -> socket.set(option, value))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(option.name());
      assertThatThrownBy(() -> socket.get(option))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(option.name());
    }
  }

  @Test
  void subscriptionsCanBeSetButNotRead() {
    try (Socket sub = Socket.open(Protocol.SUB)) {
      sub.set(Options.SUBSCRIBE, SocketPair.bytes("x"));
      assertThatThrownBy(() -> sub.get(Options.SUBSCRIBE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("SUBSCRIBE");
      assertThatThrownBy(() -> sub.get(Options.UNSUBSCRIBE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("UNSUBSCRIBE");
    }
  }

  private static List<Option<?>> allOptions() throws IllegalAccessException {
    List<Option<?>> options = new ArrayList<>();
    for (Field field : Options.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == Option.class) {
        options.add((Option<?>) field.get(null));
      }
    }
    return options;
  }
}
