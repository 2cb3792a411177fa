package io.sp4j.nn.internal;

import static io.sp4j.nn.internal.NnCmsgLayout.space;
import static io.sp4j.nn.internal.NnConstants.NN_WS;
import static io.sp4j.nn.internal.NnConstants.NN_WS_MSG_TYPE;
import static io.sp4j.nn.internal.NnConstants.PROTO_SP;
import static io.sp4j.nn.internal.NnConstants.SP_HDR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.sp4j.MessageType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The control-message codec alone: bytes in, values out (NnCmsgFuzzTest drives it through sockets).
 */
class NnControlCodecTest {
  private static final byte[] HEADER = {0, 0, 0, 7, (byte) 0x80, 0, 0, 1};
  private final NnControlCodec codec = new NnControlCodec();

  @Test
  void whatAReceiveWritesASendReadsBack() {
    byte[] control = new byte[128];
    int written = codec.write(HEADER, MessageType.TEXT, control, control.length);
    assertThat(written).isEqualTo(space(8 + HEADER.length) + space(1));
    NnControlCodec.Control read = codec.read(control, written);
    assertThat(read.header()).isEqualTo(HEADER);
    assertThat(read.type()).isEqualTo(MessageType.TEXT);
  }

  @Test
  void onlyWholeMessagesAreWritten() {
    byte[] control = new byte[128];
    int spHdrOnly = space(8 + HEADER.length);
    assertThat(codec.write(HEADER, MessageType.BINARY, control, spHdrOnly + space(1) - 1))
        .isEqualTo(spHdrOnly);
    assertThat(codec.write(HEADER, null, control, spHdrOnly - 1)).isZero();
    assertThat(codec.write(new byte[0], null, control, control.length)).isEqualTo(space(8));
  }

  @Test
  void noControlBufferAsksForNothing() {
    NnControlCodec.Control read = codec.read(null, 0);
    assertThat(read.header()).isNull();
    assertThat(read.type()).isNull();
  }

  @Test
  void malformedSpHdrOrTypeIsRefused() {
    byte[] shortHdr = new byte[64];
    NnCmsgLayout.write(shortHdr, 0, PROTO_SP, SP_HDR, new byte[7]);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> codec.read(shortHdr, shortHdr.length))
        .withMessageContaining("SP_HDR");
    byte[] pastData = new byte[64];
    NnCmsgLayout.write(
        pastData,
        0,
        PROTO_SP,
        SP_HDR,
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 9).array());
    assertThatIllegalArgumentException()
        .isThrownBy(() -> codec.read(pastData, pastData.length))
        .withMessageContaining("SP_HDR");
    byte[] badType = new byte[64];
    NnCmsgLayout.write(badType, 0, NN_WS, NN_WS_MSG_TYPE, new byte[] {9});
    assertThatIllegalArgumentException()
        .isThrownBy(() -> codec.read(badType, badType.length))
        .withMessageContaining("NN_WS_MSG_TYPE");
  }
}
