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
  private Message first; // a batch of one needs no list (a request, a reply)
  private ArrayList<Message> all; // a batch of two or more, first included; made when first needed
  private long bytes;

  InboundBatch(Channel channel) {
    this.channel = channel;
  }

  /** Adds a decoded message; hands the batch to {@code socket} once it is full. */
  void add(Message message, PipeEvents socket) {
    assert channel.eventLoop().inEventLoop();
    int count;
    if (first == null && (all == null || all.isEmpty())) {
      first = message;
      count = 1;
    } else {
      if (all == null) {
        all = new ArrayList<>();
      }
      if (first != null) {
        all.add(first);
        first = null;
      }
      all.add(message);
      count = all.size();
    }
    bytes += message.size();
    if (count >= MESSAGES || bytes >= BYTES) {
      handOver(socket);
    }
  }

  /** Hands what was collected to {@code socket} (dropped if there is none any more). */
  void handOver(PipeEvents socket) {
    assert channel.eventLoop().inEventLoop();
    bytes = 0;
    Message only = first;
    if (only != null) {
      first = null;
      if (socket != null) {
        socket.deliver(only);
      }
    } else if (all != null && !all.isEmpty()) {
      try {
        if (socket != null) {
          socket.deliverAll(all); // read during the call only, so the list is reused
        }
      } finally {
        all.clear();
      }
    }
  }
}
