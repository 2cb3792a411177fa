package io.sp4j.attack;

import io.sp4j.Option;
import io.sp4j.Options;
import io.sp4j.Socket;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Socket options given as text, {@code NAME=VALUE}, resolved by reflection on the public static
 * {@link Option} fields of {@link Options}: so the target takes options the library gains later
 * without a change here. The value is parsed by the option's {@link Option#type()}: Integer, Long,
 * Boolean, {@link Duration} (ISO-8601, {@code PT2S}) or an enum constant.
 */
public final class OptionValues {
  private OptionValues() {}

  /** One parsed option, ready to set. */
  public record Setting<T>(Option<T> option, T value) {
    /** Sets it on {@code socket}. */
    public void applyTo(Socket socket) {
      socket.set(option, value);
    }

    @Override
    public String toString() {
      return option.name() + "=" + value;
    }
  }

  /**
   * Parses {@code NAME=VALUE}.
   *
   * @throws IllegalArgumentException naming the option and, for an unknown one, the known names
   */
  public static Setting<?> parse(String text) {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("option '" + text + "': expected NAME=VALUE");
    }
    String name = text.substring(0, eq).trim();
    Option<?> option = known().get(name);
    if (option == null) {
      throw new IllegalArgumentException(
          "unknown option "
              + name
              + ": this sp4j has no Options."
              + name
              + "; known: "
              + String.join(", ", known().keySet()));
    }
    return setting(option, text.substring(eq + 1).trim());
  }

  /** Whether this build of sp4j has an option of that name. */
  public static boolean exists(String name) {
    return known().containsKey(name);
  }

  private static <T> Setting<T> setting(Option<T> option, String value) {
    return new Setting<>(option, option.type().cast(convert(option, value)));
  }

  private static Object convert(Option<?> option, String value) {
    Class<?> type = option.type();
    try {
      if (type == Integer.class) {
        return Integer.valueOf(value);
      }
      if (type == Long.class) {
        return Long.valueOf(value);
      }
      if (type == Boolean.class) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
          throw new IllegalArgumentException("not true or false");
        }
        return Boolean.valueOf(value);
      }
      if (type == Duration.class) {
        return Duration.parse(value);
      }
      if (type.isEnum()) {
        for (Object constant : type.getEnumConstants()) {
          if (((Enum<?>) constant).name().equalsIgnoreCase(value)) {
            return constant;
          }
        }
        throw new IllegalArgumentException(
            "not one of " + java.util.Arrays.toString(type.getEnumConstants()));
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          "option "
              + option.name()
              + ": '"
              + value
              + "' is not a "
              + type.getSimpleName()
              + (type == Duration.class ? " (ISO-8601, e.g. PT2S)" : ""),
          e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "option " + option.name() + ": '" + value + "': " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(
        "option "
            + option.name()
            + " takes a "
            + type.getSimpleName()
            + ", which cannot be given as text");
  }

  /** Every public static Option field of {@link Options}, by name. */
  private static Map<String, Option<?>> known() {
    Map<String, Option<?>> byName = new TreeMap<>();
    for (Field field : Options.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers())
          && Option.class.isAssignableFrom(field.getType())) {
        try {
          byName.put(field.getName(), (Option<?>) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot read Options." + field.getName(), e);
        }
      }
    }
    return byName;
  }
}
