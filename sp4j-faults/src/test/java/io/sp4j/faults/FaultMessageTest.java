package io.sp4j.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The message format the fault tests rely on to see damage. */
final class FaultMessageTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 24, 25, 26, 1_000, 99_975})
  void aRecordReadsBackAsItself(long seq) {
    FaultMessage record = new FaultMessage("c", seq);
    assertThat(FaultMessage.parse(record.encode())).contains(record);
  }

  @ParameterizedTest
  @ValueSource(longs = {25, 50})
  void everyTwentyFifthRecordIsLargerThanAWsFrame(long seq) {
    assertThat(new FaultMessage("c", seq).encode()).hasSizeGreaterThan(65_536);
  }

  @ParameterizedTest
  @ValueSource(strings = {"flip", "cut", "glue", "foreign payload", "sender"})
  void aDamagedRecordDoesNotRead(String damage) {
    String body = new FaultMessage("c", 7).encode();
    String damaged =
        switch (damage) {
          case "flip" -> body.substring(0, 20) + (char) (body.charAt(20) ^ 1) + body.substring(21);
          case "cut" -> body.substring(0, body.length() - 3);
          case "glue" -> body + new FaultMessage("c", 8).encode();
          // Another message's payload with a checksum that fits it: well formed, but not message 7.
          case "foreign payload" ->
              reChecksummed("c:7:" + payloadOf(new FaultMessage("c", 8).encode()));
          case "sender" -> "d" + body.substring(1);
          default -> throw new IllegalArgumentException(damage);
        };
    assertThat(FaultMessage.parse(damaged)).as(damage).isEmpty();
  }

  private static String payloadOf(String body) {
    return body.split(":", -1)[2];
  }

  private static String reChecksummed(String head) {
    CRC32 crc = new CRC32();
    crc.update(head.getBytes(StandardCharsets.US_ASCII));
    return head + ':' + String.format("%08x", crc.getValue());
  }
}
