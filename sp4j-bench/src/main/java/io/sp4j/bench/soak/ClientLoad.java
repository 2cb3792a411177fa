package io.sp4j.bench.soak;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The clients of one process: for each transport it serves and each pattern, a fixed number of
 * slots, each holding one {@link Session}. A churn step (on its own thread, as closing waits out a
 * linger) replaces {@code --churn} random sessions, half of them closed abruptly, and drops {@code
 * --raw-cuts} raw connections on random network endpoints.
 */
final class ClientLoad implements AutoCloseable {
  /** One place for a session: what it runs and where, and the session running now. */
  private static final class Slot {
    final Pattern pattern;
    final Transport transport;
    final String url;
    Session session;

    Slot(Pattern pattern, Transport transport, String url) {
      this.pattern = pattern;
      this.transport = transport;
      this.url = url;
    }
  }

  private final Load load;
  private final SSLContext trusting;
  private final List<Slot> slots = new ArrayList<>();
  private final List<Slot> rawTargets = new ArrayList<>();
  private final Pacer churner;
  private final SplittableRandom random = new SplittableRandom();

  private ClientLoad(Load load, SSLContext trusting) {
    this.load = load;
    this.trusting = trusting;
    this.churner = new Pacer("soak-churn", e -> load.tally().error("churn: " + e));
  }

  /** Opens every session for the transports in {@code endpoints} and starts the churn. */
  static ClientLoad start(
      Load load, Endpoints endpoints, List<Transport> transports, SSLContext trusting) {
    ClientLoad clients = new ClientLoad(load, trusting);
    for (Transport transport : transports) {
      for (Pattern pattern : Pattern.values()) {
        String url = endpoints.url(pattern, transport);
        for (int i = 0; i < load.settings().clientsOf(pattern); i++) {
          Slot slot = new Slot(pattern, transport, url);
          slot.session = clients.open(slot);
          clients.slots.add(slot);
        }
        // Not PAIR: a raw peer could take the one place its client needs.
        if (transport != Transport.INPROC && pattern != Pattern.PAIR) {
          clients.rawTargets.add(new Slot(pattern, transport, url));
        }
      }
    }
    long period = TimeUnit.MILLISECONDS.toNanos(load.settings().churnMillis);
    clients.churner.every(period, period, clients::churn);
    return clients;
  }

  int sessions() {
    return slots.size();
  }

  private Session open(Slot slot) {
    return Session.open(slot.pattern, slot.transport, slot.url, load, trusting);
  }

  /** A churn step (churn thread only). */
  private void churn() {
    for (int i = 0; i < load.settings().churn; i++) {
      Slot slot = slots.get(random.nextInt(slots.size()));
      slot.session.close(random.nextBoolean());
      slot.session = open(slot);
    }
    for (int i = 0; i < load.settings().rawCuts && !rawTargets.isEmpty(); i++) {
      Slot target = rawTargets.get(random.nextInt(rawTargets.size()));
      try {
        RawCut.cut(target.pattern, target.transport, target.url, random.nextBoolean());
        load.tally().increment(Tally.Count.RAW_CUTS);
      } catch (IOException e) {
        load.tally().error("raw cut on " + target.url + ": " + e);
      }
    }
  }

  /** Stops the churn, then closes every session with its linger. */
  @Override
  public void close() {
    churner.close();
    for (Slot slot : slots) {
      slot.session.close(false);
    }
  }
}
