package io.sp4j;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A typed socket option. The constants live in {@link Options}; use them with {@link
 * Socket#set(Option, Object)} and {@link Socket#get(Option)}.
 *
 * @param <T> the value type
 */
public final class Option<T> {
  private final String name;
  private final Class<T> type;
  private final T defaultValue;
  private final Predicate<T> valid;
  private final String allowed;
  private final boolean readable;
  private final boolean writable;

  /** The identity hash, kept: options key maps read on every send, and C1 calls the VM for it. */
  private final int hash = System.identityHashCode(this);

  Option(
      String name,
      Class<T> type,
      T defaultValue,
      Predicate<T> valid,
      String allowed,
      boolean readable,
      boolean writable) {
    this.name = name;
    this.type = type;
    this.defaultValue = defaultValue;
    this.valid = valid;
    this.allowed = allowed;
    this.readable = readable;
    this.writable = writable;
  }

  /** The option's name, e.g. {@code "RECEIVE_TIMEOUT"}. */
  public String name() {
    return name;
  }

  /** The value type. */
  public Class<T> type() {
    return type;
  }

  /** The value a new socket has; {@code null} where unset has a meaning of its own. */
  public T defaultValue() {
    return defaultValue;
  }

  /** Whether {@link Socket#get} may read it. */
  public boolean isReadable() {
    return readable;
  }

  /** Whether {@link Socket#set} may change it. */
  public boolean isWritable() {
    return writable;
  }

  /**
   * Checks a value for this option.
   *
   * @return the value
   * @throws IllegalArgumentException naming the option and the allowed values
   */
  public T validate(Object value) {
    if (value != null && !type.isInstance(value)) {
      throw new IllegalArgumentException(
          name
              + ": expected a "
              + type.getSimpleName()
              + ", got a "
              + value.getClass().getSimpleName());
    }
    T typed = type.cast(value);
    if (!valid.test(typed)) {
      throw new IllegalArgumentException(name + ": " + value + " is not allowed; " + allowed);
    }
    return typed;
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * A read-write option, for a transport or protocol that declares its own (see {@link
   * io.sp4j.spi.Transport#options}). {@code null} is allowed only if the default is null.
   *
   * @param valid which non-null values are allowed
   * @param allowed says which values are allowed, for error messages
   */
  public static <T> Option<T> readWrite(
      String name, Class<T> type, T defaultValue, Predicate<T> valid, String allowed) {
    return new Option<>(
        name, type, defaultValue, nonNullUnless(defaultValue == null, valid), allowed, true, true);
  }

  /**
   * A read-write option where {@code null} is allowed (and means something) though the default is
   * not.
   */
  public static <T> Option<T> readWriteOrNull(
      String name, Class<T> type, T defaultValue, Predicate<T> valid, String allowed) {
    return new Option<>(name, type, defaultValue, nonNullUnless(true, valid), allowed, true, true);
  }

  /** A write-only option (e.g. a subscription); any non-null value of its type is passed on. */
  public static <T> Option<T> writeOnly(String name, Class<T> type, String allowed) {
    return new Option<>(name, type, null, Objects::nonNull, allowed, false, true);
  }

  /** A read-only option. */
  public static <T> Option<T> readOnly(String name, Class<T> type) {
    return new Option<>(name, type, null, v -> false, "it is read-only", true, false);
  }

  private static <T> Predicate<T> nonNullUnless(boolean nullAllowed, Predicate<T> valid) {
    return v -> v == null ? nullAllowed : valid.test(v);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
