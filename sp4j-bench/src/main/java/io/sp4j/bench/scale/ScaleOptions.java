package io.sp4j.bench.scale;

import java.util.HashMap;
import java.util.Map;

/** The scale runner's {@code --name value} options; an empty value counts as not given. */
public final class ScaleOptions {
  private final Map<String, String> values = new HashMap<>();

  public ScaleOptions(String[] args) {
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("not an option: " + args[i]);
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
  }

  boolean has(String name) {
    String v = values.get(name);
    return v != null && !v.isEmpty();
  }

  int integer(String name, int dflt) {
    return has(name) ? Integer.parseInt(values.get(name)) : dflt;
  }

  String text(String name, String dflt) {
    return has(name) ? values.get(name) : dflt;
  }
}
