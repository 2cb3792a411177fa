package io.sp4j.transport.ws;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The one check that bytes are valid UTF-8, as a TEXT message's must be: the socket checks what a
 * user sends, the WebSocket transport what goes out and comes in as text frames.
 */
final class Utf8 {
  private Utf8() {}

  static boolean isValid(ByteBuffer bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes);
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  static boolean isValid(byte[] bytes) {
    return isValid(ByteBuffer.wrap(bytes));
  }

  /** Header and body read as one run of bytes (a character may span the two). */
  static boolean isValid(byte[] header, byte[] body) {
    if (header.length == 0) {
      return isValid(body);
    }
    byte[] all = Arrays.copyOf(header, header.length + body.length);
    System.arraycopy(body, 0, all, header.length, body.length);
    return isValid(all);
  }
}
