package io.sp4j.bench.scale;

import io.sp4j.Message;
import io.sp4j.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Receives for ever on one socket without a thread of its own; stops when the socket closes. */
record ReceivePump(Socket socket, Consumer<Message> onMessage) {
  void pump() {
    while (true) {
      CompletableFuture<Message> f = socket.receiveAsync();
      if (f.isDone()) {
        if (f.isCompletedExceptionally()) {
          return; // closed
        }
        onMessage.accept(f.join());
        continue;
      }
      f.whenComplete(
          (m, e) -> {
            if (e == null) {
              onMessage.accept(m);
              pump();
            }
          });
      return;
    }
  }
}
