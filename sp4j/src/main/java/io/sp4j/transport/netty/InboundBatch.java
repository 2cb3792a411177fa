package io.sp4j.transport.netty;

import io.netty.channel.Channel;
import io.sp4j.Message;
import io.sp4j.spi.PipeEvents;
import java.util.ArrayList;

/**
 * The messages decoded from one channel read, handed to the socket together when the read
 * completes: one socket lock and one wake-up of a waiting receiver per read instead of per message.
 * At most {@link #MESSAGES} messages or {@link #BYTES} bytes are held, so a read of large messages
 * keeps few at a time. Event loop only.
 */
final class InboundBatch {
  /** Most messages handed to the socket at once. */
  static final int MESSAGES = 256;

  /** Most bytes of messages collected before they are handed to the socket. */
  static final int BYTES = 256 * 1024;

  private final Channel channel;
  private ArrayList<Message> messages; // made on the first message: an idle connection holds none
  private long bytes;

  InboundBatch(Channel channel) {
    this.channel = channel;
  }

  /** Adds a decoded message; hands the batch to {@code socket} once it is full. */
  void add(Message message, PipeEvents socket) {
    assert channel.eventLoop().inEventLoop();
    if (messages == null) {
      messages = new ArrayList<>();
    }
    messages.add(message);
    bytes += message.size();
    if (messages.size() >= MESSAGES || bytes >= BYTES) {
      handOver(socket);
    }
  }

  /** Hands what was collected to {@code socket} (dropped if there is none any more). */
  void handOver(PipeEvents socket) {
    assert channel.eventLoop().inEventLoop();
    if (messages == null || messages.isEmpty()) {
      return;
    }
    bytes = 0;
    if (socket == null) {
      messages.clear();
    } else if (messages.size() == 1) {
      Message only = messages.get(0);
      messages.clear();
      socket.deliver(only);
    } else {
      try {
        socket.deliverAll(messages); // read during the call only, so the list is reused
      } finally {
        messages.clear();
      }
    }
  }
}
