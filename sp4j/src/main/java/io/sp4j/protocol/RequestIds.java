package io.sp4j.protocol;

import io.sp4j.Message;
import io.sp4j.spi.ReceiveQueue;
import java.util.Arrays;

/**
 * The id a REQ request or a SURVEYOR survey carries as its header: previous + 1 with the top bit
 * set, from a random start; only replies with the open id are kept and delivered.
 */
final class RequestIds {
  private int lastId;
  private byte[] openId;

  RequestIds(int seed) {
    lastId = seed;
  }

  /** Opens the next id and returns it as a header word; the previous id is no longer open. */
  byte[] open() {
    lastId = (lastId + 1) | Wire.BOTTOM;
    openId = Wire.word(lastId);
    return openId;
  }

  /** Stops accepting replies to the open id. */
  void close() {
    openId = null;
  }

  boolean isOpen() {
    return openId != null;
  }

  /**
   * A reply as it arrives: its first word becomes the header; cooked sockets drop it now unless it
   * answers the open id, so stale or foreign replies never take room in the queue.
   */
  Message accept(Message message, boolean raw) {
    if (message.size() < 4) {
      return null;
    }
    if (!raw && (openId == null || Wire.wordAt(message, 0) != lastId)) {
      return null;
    }
    return Wire.split(message, 4);
  }

  /** The next queued reply to the open id, without its header; others are dropped. */
  Message nextReply(ReceiveQueue queue) {
    Message reply;
    while ((reply = queue.poll()) != null) {
      if (Arrays.equals(reply.header(), openId)) {
        return reply.withHeader(Wire.NO_HEADER);
      }
    }
    return null;
  }
}
