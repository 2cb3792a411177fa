package io.sp4j.cli;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * nanocat's option rules: an option fails at once when it clashes with one already given, and after
 * parsing every option given must have what it requires, and the whole line a socket type and an
 * endpoint. Each failure is a {@link CliFailure} with one line.
 */
final class OptionRules {
  private final Set<CliOption> given = EnumSet.noneOf(CliOption.class);
  private int provided;

  /** Records one use of {@code option}, failing if it clashes with what came before. */
  void use(CliOption option) {
    if ((provided & option.conflicts) != 0) {
      String others =
          given.stream()
              .filter(o -> o != option && (o.provides & option.conflicts) != 0)
              .map(CliOption::displayName)
              .collect(Collectors.joining(", "));
      // Nothing else clashes: the option itself was given twice.
      throw CliFailure.usage(
          "Option "
              + option.displayName()
              + " conflicts with "
              + (others.isEmpty() ? option.displayName() : others));
    }
    provided |= option.provides;
    given.add(option);
  }

  /** Checks, once all options are in, that each has what it needs (in nanocat's order). */
  void checkRequirements() {
    for (CliOption option : given) {
      if ((option.requires & provided) != option.requires) {
        throw CliFailure.usage(
            "Option " + option.displayName() + " requires one of " + providersOf(option.requires));
      }
    }
    int missing = CliOption.Mask.REQUIRED & ~provided;
    if (missing != 0) {
      throw CliFailure.usage("At least one of the following is required: " + providersOf(missing));
    }
  }

  private static String providersOf(int mask) {
    return Stream.of(CliOption.values())
        .filter(o -> (o.provides & mask) != 0)
        .map(CliOption::displayName)
        .collect(Collectors.joining(", "));
  }
}
