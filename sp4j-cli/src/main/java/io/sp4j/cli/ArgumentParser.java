package io.sp4j.cli;

import io.sp4j.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns spcat's arguments into an {@link Invocation}, as nanocat's parser would: options are taken
 * in order, each checked against those before it, so the first problem on the line is the one
 * reported. picocli does the tokenizing (clusters like {@code -Av}, {@code --data=x}, unique
 * prefixes like {@code --conn}); {@link OptionRules} does nanocat's checks.
 */
final class ArgumentParser {
  private static final String SYNOPSIS =
      SpCat.NAME
          + " {--push|--pull|--pub|--sub|--req|--rep|--surveyor|--respondent|--bus|--pair}"
          + " {--bind ADDR|--connect ADDR|-X PATH|-x PATH|-L PORT|-l PORT} [-vqhAQ] [-i SEC] [-d SEC]"
          + " [-D DATA] [-F PATH] [options]";

  /** picocli's words for a prefix that fits several options. */
  private static final Pattern AMBIGUOUS =
      Pattern.compile("'(--[^']*)' is not unique: it matches (.*)");

  private static final Pattern QUOTED_OPTION = Pattern.compile("'(--?[A-Za-z][A-Za-z-]*)'");

  private final InputStream stdin;
  private final OptionRules rules = new OptionRules();

  private Protocol protocol;
  private final List<String> binds = new ArrayList<>();
  private final List<String> connects = new ArrayList<>();
  private float sendTimeout = -1;
  private float receiveTimeout = -1;
  private final List<byte[]> subscriptions = new ArrayList<>();
  private float delay;
  private float interval = -1;
  private byte[] data;
  private EchoFormat format = EchoFormat.NO;
  private int verbosity;
  private boolean text;

  private ArgumentParser(InputStream stdin) {
    this.stdin = stdin;
  }

  /**
   * Parses a command line.
   *
   * @param stdin where {@code --file -} reads from
   * @throws CliFailure with status 1 for a bad line, 2 for a data file that cannot be read
   */
  static Invocation parse(String[] args, InputStream stdin) {
    Objects.requireNonNull(args, "args");
    return new ArgumentParser(stdin).run(args);
  }

  /** The help text. */
  static String help() {
    StringWriter text = new StringWriter();
    new ArgumentParser(InputStream.nullInputStream()).commandLine().usage(new PrintWriter(text));
    return text.toString();
  }

  private Invocation run(String[] args) {
    List<String> unmatched;
    try {
      // Parsing stops at the first argument that is no option: it is the error to report.
      unmatched = commandLine().parseArgs(args).unmatched();
    } catch (UnmatchedArgumentException e) {
      unmatched = e.getUnmatched();
    } catch (ParameterException e) {
      if (causedBy(e, HelpRequested.class)) {
        return new Invocation.Help(help());
      }
      throw translate(e);
    }
    if (!unmatched.isEmpty()) {
      // picocli names a bad letter in a cluster as "-z (while processing option: '-Az')".
      String first = unmatched.get(0).replaceFirst(" \\(while processing option: .*\\)$", "");
      throw CliFailure.usage(
          first.startsWith("-") && first.length() > 1
              ? "Unknown option ``" + first + "''"
              : "Unexpected argument ``" + first + "''");
    }
    rules.checkRequirements();
    return new Invocation.Run(
        new Settings(
            protocol,
            binds,
            connects,
            sendTimeout,
            receiveTimeout,
            subscriptions,
            delay,
            interval,
            data,
            format,
            verbosity,
            text));
  }

  /** Our own failures come wrapped by picocli's setter call; picocli's own get one line each. */
  private static RuntimeException translate(ParameterException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CliFailure failure) {
        return failure;
      }
    }
    if (e instanceof CommandLine.MissingParameterException missing
        && !missing.getMissing().isEmpty()
        && missing.getMissing().get(0) instanceof OptionSpec option) {
      return CliFailure.usage(
          "Option " + optionFor(option).displayName() + " requires an argument");
    }
    String message = String.valueOf(e.getMessage()).replaceFirst("^Error: ", "");
    Matcher ambiguous = AMBIGUOUS.matcher(message);
    if (ambiguous.find()) {
      return CliFailure.usage(
          "Ambiguous option ``"
              + ambiguous.group(1)
              + "'': "
              + ambiguous.group(2).replace("'", ""));
    }
    if (e instanceof CommandLine.MaxValuesExceededException) {
      // A flag given a value, as in --help=x.
      Matcher named = QUOTED_OPTION.matcher(message);
      if (named.find()) {
        return CliFailure.usage("Option " + named.group(1) + " does not accept an argument");
      }
    }
    return CliFailure.usage(message.replace('\n', ' '));
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static CliOption optionFor(OptionSpec spec) {
    return CliOption.byLongName(spec.longestName().substring(2));
  }

  private CommandLine commandLine() {
    CommandSpec spec = CommandSpec.create().name(SpCat.NAME);
    spec.usageMessage()
        .customSynopsis(SYNOPSIS)
        .description(
            "Sends and receives Scalability Protocols messages from the command line, as nanocat does.",
            "")
        .sortOptions(false)
        .width(100);
    for (CliOption option : CliOption.values()) {
      OptionSpec.Builder builder =
          OptionSpec.builder(option.names())
              .description(option.description)
              .hasInitialValue(false)
              .setter(setterFor(option));
      if (option.takesValue()) {
        builder.arity("1").type(String.class).paramLabel(option.paramLabel);
      } else {
        builder.arity("0").type(boolean.class);
      }
      spec.addOption(builder.build());
    }
    return new CommandLine(spec)
        .setStopAtUnmatched(true)
        .setOverwrittenOptionsAllowed(true)
        .setAbbreviatedOptionsAllowed(true)
        .setAllowOptionsAsOptionParameters(true)
        .setUnmatchedOptionsAllowedAsOptionParameters(true);
  }

  private ISetter setterFor(CliOption option) {
    return new ISetter() {
      @Override
      public <T> T set(T value) {
        if (value instanceof String s) {
          accept(option, s);
        } else if (Boolean.TRUE.equals(value)) {
          accept(option, null);
        }
        return null;
      }
    };
  }

  /** One use of an option, in command-line order. */
  private void accept(CliOption option, String value) {
    rules.use(option);
    if (option.protocol != null) {
      protocol = option.protocol;
      return;
    }
    switch (option) {
      case VERBOSE -> verbosity++;
      case SILENT -> verbosity--;
      case HELP -> throw new HelpRequested();
      case BIND -> binds.add(value);
      case CONNECT -> connects.add(value);
      case BIND_IPC -> binds.add("ipc://" + value);
      case CONNECT_IPC -> connects.add("ipc://" + value);
      case BIND_LOCAL -> binds.add("tcp://127.0.0.1:" + value);
      case CONNECT_LOCAL -> connects.add("tcp://127.0.0.1:" + value);
      case RECV_TIMEOUT -> receiveTimeout = seconds(option, value);
      case SEND_TIMEOUT -> sendTimeout = seconds(option, value);
      case SOCKET_NAME -> {} // nanocat names the socket for statistics; sp4j has none.
      case SUBSCRIBE -> subscriptions.add(ArgumentBytes.of(value));
      case FORMAT ->
          format =
              EchoFormat.named(value)
                  .orElseThrow(
                      () ->
                          CliFailure.usage(
                              "Invalid value ``"
                                  + value
                                  + "'' for --format; one of: "
                                  + Stream.of(EchoFormat.values())
                                      .map(EchoFormat::formatName)
                                      .collect(Collectors.joining(", "))));
      case RAW_FORMAT -> format = EchoFormat.RAW;
      case ASCII -> format = EchoFormat.ASCII;
      case QUOTED -> format = EchoFormat.QUOTED;
      case MSGPACK -> format = EchoFormat.MSGPACK;
      case HEX -> format = EchoFormat.HEX;
      case INTERVAL -> interval = seconds(option, value);
      case DELAY -> delay = seconds(option, value);
      case DATA -> data = ArgumentBytes.of(value);
      case FILE -> data = readFile(value);
      case TEXT -> text = true;
      default -> throw new IllegalStateException("unhandled option " + option);
    }
  }

  /** A time as C's strtof reads it: a whole string of decimal digits, dot, exponent, sign. */
  private static float seconds(CliOption option, String value) {
    if (value.isEmpty() || !value.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      throw CliFailure.usage("Option " + option.displayName() + " requires float point argument");
    }
    return Float.parseFloat(value);
  }

  private byte[] readFile(String path) {
    try {
      return "-".equals(path) ? stdin.readAllBytes() : Files.readAllBytes(Path.of(path));
    } catch (NoSuchFileException | AccessDeniedException | InvalidPathException e) {
      throw new CliFailure(
          CliFailure.FILE, "Error opening file ``" + path + "'': " + Errors.describe(e));
    } catch (IOException e) {
      throw new CliFailure(
          CliFailure.FILE, "Error reading file ``" + path + "'': " + Errors.describe(e));
    }
  }

  /** Thrown by {@code --help}, which stops parsing where it stands, as in nanocat. */
  private static final class HelpRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HelpRequested() {
      super(null, null, false, false);
    }
  }
}
