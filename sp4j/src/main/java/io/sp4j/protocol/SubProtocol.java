package io.sp4j.protocol;

import io.sp4j.Message;
import io.sp4j.Option;
import io.sp4j.Options;
import io.sp4j.spi.Pipe;
import io.sp4j.spi.ProtocolContext;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * SUB: keeps the messages whose body starts with a subscribed prefix (the empty prefix matches all;
 * no subscription matches none). Subscriptions are counted: subscribing twice needs two
 * unsubscribes. Raw SUB filters the same way. Never sends.
 */
final class SubProtocol extends ReceiveOnlyProtocol {
  private final Map<ByteBuffer, Integer> subscriptions = new HashMap<>();

  SubProtocol(ProtocolContext context, boolean raw) {
    super(context, raw, "SUB");
  }

  @Override
  public Set<Option<?>> options() {
    return Set.of(Options.SUBSCRIBE, Options.UNSUBSCRIBE);
  }

  @Override
  public <T> void setOption(Option<T> option, T value) {
    ByteBuffer prefix = ByteBuffer.wrap(((byte[]) value).clone());
    if (option == Options.SUBSCRIBE) {
      subscriptions.merge(prefix, 1, Integer::sum);
      return;
    }
    Integer count = subscriptions.get(prefix);
    if (count == null) {
      throw new IllegalArgumentException("UNSUBSCRIBE: not subscribed to that prefix");
    }
    if (count == 1) {
      subscriptions.remove(prefix);
    } else {
      subscriptions.put(prefix, count - 1);
    }
  }

  @Override
  public Message received(Pipe pipe, Message message) {
    Message plain = Wire.split(message, 0);
    return matches(plain.body()) ? plain : null;
  }

  private boolean matches(byte[] body) {
    for (ByteBuffer prefix : subscriptions.keySet()) {
      int length = prefix.remaining();
      if (length <= body.length && ByteBuffer.wrap(body, 0, length).equals(prefix)) {
        return true;
      }
    }
    return false;
  }
}
