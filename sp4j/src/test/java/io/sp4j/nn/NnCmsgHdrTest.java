package io.sp4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Control buffers that are short, or whose lengths run past them (found by NnCmsgFuzzTest). */
class NnCmsgHdrTest {
  @ParameterizedTest
  @ValueSource(ints = {Integer.MAX_VALUE - 8, Integer.MAX_VALUE - 15, Integer.MAX_VALUE, -1, 17})
  void anOffsetWithNoWholeHeaderAfterItGivesNoHeader(int offset) {
    assertThat(NnCmsgHdr.at(new byte[32], offset)).isNull();
  }

  @Test
  void controlLengthPastAShortBufferFindsNoHeader() {
    NnMsgHdr hdr = new NnMsgHdr(new byte[][] {{'x'}}, new byte[8]);
    hdr.setControlLength(Integer.MAX_VALUE);
    assertThat(Nn.NN_CMSG_FIRSTHDR(hdr)).isEqualTo(-1);
  }

  @Test
  void aLengthAboveFourGibibytesStillReadsTheDataUpToTheBufferEnd() {
    byte[] control = new byte[24];
    ByteBuffer.wrap(control)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(0, (1L << 32) + 20)
        .putInt(8, 1)
        .putInt(12, 1);
    control[16] = 7;
    NnCmsgHdr header = NnCmsgHdr.at(control, 0);
    assertThat(header.dataLength()).isEqualTo(Integer.MAX_VALUE);
    assertThat(header.data(control)).hasSize(8).startsWith(7);
  }

  @Test
  @Timeout(10)
  void aLengthNearLongMaxEndsTheWalkInsteadOfLoopingForever() {
    byte[] control = new byte[48];
    ByteBuffer.wrap(control)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(0, Long.MAX_VALUE)
        .putInt(8, 1)
        .putInt(12, 1);
    NnMsgHdr hdr = new NnMsgHdr(new byte[][] {{'x'}}, control);
    assertThat(Nn.NN_CMSG_NXTHDR(hdr, 0)).isEqualTo(-1);
    int s = Nn.nn_socket(Nn.AF_SP_RAW, Nn.NN_BUS);
    try {
      assertThat(Nn.nn_sendmsg(s, hdr, Nn.NN_DONTWAIT))
          .isEqualTo(1); // an empty SP_HDR, then the end
    } finally {
      Nn.nn_close(s);
    }
  }

  @Test
  void aMessageRunningPastControlLengthIsTheLast() {
    byte[] control = new byte[64];
    ByteBuffer.wrap(control).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 40).putLong(32, 16);
    NnMsgHdr hdr = new NnMsgHdr(new byte[][] {{'x'}}, control);
    hdr.setControlLength(32);
    assertThat(Nn.NN_CMSG_NXTHDR(hdr, 0)).isEqualTo(-1);
    hdr.setControlLength(64);
    assertThat(Nn.NN_CMSG_NXTHDR(hdr, 0)).isEqualTo(40);
  }

  @Test
  void sendingWithControlLengthPastAShortBufferSendsWithoutControlData() {
    int s = Nn.nn_socket(Nn.AF_SP_RAW, Nn.NN_BUS);
    try {
      NnMsgHdr hdr = new NnMsgHdr(new byte[][] {{'x'}}, new byte[8]);
      hdr.setControlLength(Integer.MAX_VALUE);
      assertThat(Nn.nn_sendmsg(s, hdr, Nn.NN_DONTWAIT)).isEqualTo(1);
    } finally {
      Nn.nn_close(s);
    }
  }
}
