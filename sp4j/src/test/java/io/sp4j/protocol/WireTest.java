package io.sp4j.protocol;

import static io.sp4j.protocol.ProtocolHarness.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.Message;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SP-GEN-3: header words are 32-bit big-endian, read across header and body as if joined. */
class WireTest {

  @Test
  @DisplayName("a header word is written big-endian")
  void wordIsBigEndian() {
    assertThat(hex(Wire.word(0xc844e31d))).isEqualTo("c8 44 e3 1d");
    assertThat(hex(Wire.word(7))).isEqualTo("00 00 00 07");
  }

  @ParameterizedTest(name = "split at {0}")
  @ValueSource(ints = {0, 1, 3, 4, 5, 8, 9})
  @DisplayName("a word is read the same wherever the header/body split falls")
  void wordAcrossSplit(int split) {
    byte[] wire = hex("00 00 00 07 c8 44 e3 1d 68");
    Message message =
        Message.of(Arrays.copyOf(wire, split), Arrays.copyOfRange(wire, split, wire.length));

    assertThat(Wire.wordAt(message, 0)).isEqualTo(7);
    assertThat(Wire.wordAt(message, 4)).isEqualTo(0xc844e31d);
    Message resplit = Wire.split(message, 4);
    assertThat(hex(resplit.header())).isEqualTo("00 00 00 07");
    assertThat(hex(resplit.body())).isEqualTo("c8 44 e3 1d 68");
  }

  @ParameterizedTest(name = "{0} → {2}")
  @CsvSource({
    "'c8 44 e3 1d 68 65', 8, 4",
    "'00 00 00 07 c8 44 e3 1d', 8, 8",
    "'00 00 00 07 c8 44 e3 1d', 1, -1",
    "'00 00 00 07 00 00 00 08', 8, -1",
    "'00 00 00 07 80', 8, -1",
    "'80 00 00', 8, -1",
    "'', 8, -1"
  })
  @DisplayName("a backtrace ends at the first word with the top bit set, within MAX_TTL words")
  void backtraceLength(String wire, int maxWords, int expected) {
    assertThat(Wire.backtraceLength(Message.of(hex(wire)), maxWords)).isEqualTo(expected);
  }
}
