package io.sp4j.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sp4j.MessageType;
import io.sp4j.Options;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Options from text: each value type of {@code Options}, and clear refusals. */
class OptionValuesTest {
  @Test
  void parsesEachValueTypeByTheOptionsType() {
    assertThat(OptionValues.parse("RECEIVE_MAX_SIZE=-1"))
        .isEqualTo(new OptionValues.Setting<>(Options.RECEIVE_MAX_SIZE, -1));
    assertThat(OptionValues.parse("TCP_NODELAY=false"))
        .isEqualTo(new OptionValues.Setting<>(Options.TCP_NODELAY, false));
    assertThat(OptionValues.parse("HANDSHAKE_TIMEOUT=PT2S"))
        .isEqualTo(new OptionValues.Setting<>(Options.HANDSHAKE_TIMEOUT, Duration.ofSeconds(2)));
    assertThat(OptionValues.parse("WS_MESSAGE_TYPE=text"))
        .isEqualTo(new OptionValues.Setting<>(Options.WS_MESSAGE_TYPE, MessageType.TEXT));
  }

  @Test
  void anUnknownOptionIsNamedWithTheKnownOnes() {
    assertThatThrownBy(() -> OptionValues.parse("NO_SUCH_OPTION=PT2S"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option NO_SUCH_OPTION")
        .hasMessageContaining("HANDSHAKE_TIMEOUT");
  }

  @Test
  void aBadValueNamesTheOptionAndTheType() {
    assertThatThrownBy(() -> OptionValues.parse("HANDSHAKE_TIMEOUT=2s"))
        .hasMessageContaining("HANDSHAKE_TIMEOUT")
        .hasMessageContaining("PT2S");
    assertThatThrownBy(() -> OptionValues.parse("TCP_NODELAY=yes"))
        .hasMessageContaining("TCP_NODELAY");
    assertThatThrownBy(() -> OptionValues.parse("RECEIVE_MAX_SIZE"))
        .hasMessageContaining("NAME=VALUE");
  }
}
