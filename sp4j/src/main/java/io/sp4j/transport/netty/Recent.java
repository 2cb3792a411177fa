package io.sp4j.transport.netty;

import java.util.function.Function;

/**
 * The value made last, given back while it is asked for with an equal key: per-socket settings that
 * every connection of a socket would otherwise keep a copy of (10,000 idle connections, 10,000
 * copies). A value made in between for another key replaces it; the next connection then just gets
 * its own again.
 */
public final class Recent<K, V> {
  private volatile Entry<K, V> last;

  private record Entry<K, V>(K key, V value) {}

  /** The value made for a key equal to {@code key}, if it was the last one; else {@code make}'s. */
  public V get(K key, Function<? super K, ? extends V> make) {
    Entry<K, V> kept = last;
    if (kept != null && kept.key().equals(key)) {
      return kept.value();
    }
    V made = make.apply(key);
    last = new Entry<>(key, made); // a race only makes one more
    return made;
  }
}
