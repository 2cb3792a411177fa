package io.sp4j.transport.ws;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What a reader of RFC 6455 frames must pass on for a byte stream, written from the checklist
 * (WS-FR-6 … 16, WS-CL-3) to check {@link FrameDecoder} against: each header is judged once it is
 * whole, in the order RSV bits, mask, length encoding, control frame rules, data frame rules, size;
 * the first violation ends the stream with its code (1002, 1009, or 1007 for a whole text message
 * that is not UTF-8); a Close ends it too.
 */
final class RfcFrames {
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private RfcFrames() {}

  static List<FrameLog.Entry> read(byte[] in, boolean expectMasked, int maxMessageSize) {
    long limit = maxMessageSize < 0 ? Long.MAX_VALUE : maxMessageSize;
    List<FrameLog.Entry> out = new ArrayList<>();
    ByteArrayOutputStream message = null;
    String type = null;
    int at = 0;
    while (in.length - at >= 2) {
      int first = in[at] & 0xff;
      int second = in[at + 1] & 0xff;
      boolean masked = (second & 0x80) != 0;
      int length7 = second & 0x7f;
      int headerLength = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + (masked ? 4 : 0);
      if (in.length - at < headerLength) {
        break;
      }
      long length = length7;
      for (int i = 2; i < 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0); i++) {
        length = (i == 2 ? 0 : length << 8) | (in[at + i] & 0xff);
      }
      boolean fin = (first & 0x80) != 0;
      int opcode = first & 0x0f;
      boolean control = opcode >= 8;
      long total = (opcode == 0 && message != null ? message.size() : 0) + length;
      int violation =
          (first & 0x70) != 0 || masked != expectMasked
              ? 1002
              : (length7 == 126 && length < 126)
                      || (length7 == 127 && (length < 0 || length < 65536))
                  ? 1002
                  : control && (opcode > 10 || !fin || length > 125 || (opcode == 8 && length == 1))
                      ? 1002
                      : !control
                              && (opcode > 2
                                  || (opcode == 0 && message == null)
                                  || (opcode != 0 && message != null))
                          ? 1002
                          : !control && (total > limit || total > MAX_ARRAY) ? 1009 : 0;
      if (violation != 0) {
        out.add(corrupt(violation));
        return out;
      }
      if (in.length - at - headerLength < length) {
        break;
      }
      byte[] payload = new byte[(int) length];
      for (int i = 0; i < length; i++) {
        int key = masked ? in[at + headerLength - 4 + i % 4] : 0;
        payload[i] = (byte) (in[at + headerLength + i] ^ key);
      }
      at += headerLength + (int) length;
      if (control) {
        String kind = opcode == 8 ? "CLOSE" : opcode == 9 ? "PING" : "PONG";
        out.add(new FrameLog.Entry(kind, HexFormat.of().formatHex(payload), payload.length, 0));
        if (opcode == 8) {
          return out;
        }
        continue;
      }
      if (opcode != 0) {
        message = new ByteArrayOutputStream();
        type = opcode == 1 ? "TEXT" : "BINARY";
      }
      message.writeBytes(payload);
      if (fin) {
        byte[] whole = message.toByteArray();
        message = null;
        if (type.equals("TEXT") && !Utf8.isValid(whole)) {
          out.add(corrupt(1007));
          return out;
        }
        out.add(new FrameLog.Entry(type, HexFormat.of().formatHex(whole), whole.length, 0));
      }
    }
    return out;
  }

  private static FrameLog.Entry corrupt(int code) {
    return new FrameLog.Entry("CORRUPT", "", 0, code);
  }
}
