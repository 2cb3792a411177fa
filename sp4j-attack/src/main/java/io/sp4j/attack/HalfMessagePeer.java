package io.sp4j.attack;

import io.sp4j.Protocol;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * A peer in a process of its own, to be killed: connects, finishes the handshake, announces a
 * message of {@code announced} bytes and sends {@code sent} of them, prints {@code ready} and waits
 * for stdin to end (it is killed first).
 *
 * <pre>HalfMessagePeer tcp|ws PORT [SERVER_PROTOCOL] [ANNOUNCED] [SENT]</pre>
 */
public final class HalfMessagePeer {
  private HalfMessagePeer() {}

  public static void main(String[] args) throws IOException {
    Scheme scheme = Scheme.valueOf(args[0].toUpperCase(Locale.ROOT));
    int port = Integer.parseInt(args[1]);
    Protocol server =
        args.length > 2 ? Protocol.valueOf(args[2].toUpperCase(Locale.ROOT)) : Protocol.REP;
    long announced = args.length > 3 ? Long.parseLong(args[3]) : 64 * 1024;
    int sent = args.length > 4 ? Integer.parseInt(args[4]) : 32 * 1024;
    AttackAddress target = new AttackAddress(scheme, port, server);
    RawConnection c = RawConnection.connect(target, 0, Duration.ofSeconds(10));
    c.handshake(target);
    int mask = 0x5a5a5a5a;
    byte[] body = new byte[sent];
    System.arraycopy(SpWire.requestHeader(1), 0, body, 0, Math.min(4, sent));
    c.write(SpWire.concat(scheme.announce(announced, mask), scheme.payloadBytes(body, 0, mask)));
    System.out.println("ready");
    System.out.flush();
    while (System.in.read() >= 0) {
      // killed before stdin ends
    }
    c.close();
  }
}
