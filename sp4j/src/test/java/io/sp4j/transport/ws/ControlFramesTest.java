package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Close and Pong frames as a server and as a client put them on the wire (RFC 6455 5.2, 5.5). */
class ControlFramesTest {
  private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

  private static byte[] bytesOf(ByteBuf frame) {
    try {
      return ByteBufUtil.getBytes(frame);
    } finally {
      frame.release();
    }
  }

  @Test
  void aServerCloseIsUnmaskedWithTheCodeFirst() {
    assertThat(bytesOf(ControlFrames.close(ALLOC, false, 1002, "no")))
        .containsExactly(0x88, 4, 0x03, 0xea, 'n', 'o');
  }

  @Test
  void aClientCloseIsMaskedWithAFreshKey() {
    byte[] frame = bytesOf(ControlFrames.close(ALLOC, true, 1000, ""));
    assertThat(frame).hasSize(2 + 4 + 2);
    assertThat(frame[0] & 0xff).isEqualTo(0x88);
    assertThat(frame[1] & 0xff).as("mask bit and length").isEqualTo(0x82);
    byte[] payload = {(byte) (frame[6] ^ frame[2]), (byte) (frame[7] ^ frame[3])};
    assertThat(payload).containsExactly(0x03, 0xe8);
  }

  @Test
  void aPongCarriesThePingsPayloadAndReleasesIt() {
    ByteBuf ping = Unpooled.copiedBuffer("hi", StandardCharsets.US_ASCII);
    assertThat(bytesOf(ControlFrames.pong(ALLOC, false, ping))).containsExactly(0x8a, 2, 'h', 'i');
    assertThat(ping.refCnt()).isZero();
  }

  @Test
  void aPayloadOverAControlFramesLimitIsRefused() {
    assertThatThrownBy(() -> ControlFrames.close(ALLOC, false, 1000, "x".repeat(124)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
