package io.sp4j.bench.soak;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The client process: every pattern's clients over tcp://, ws://, ipc:// and wss:// (trusting the
 * server's certificate only), with churn and raw cuts, logged into {@code client.csv}. On {@code
 * quit} it takes its last sample, then closes every session.
 */
@Command(name = "client", description = "The soak's client process (started by 'run').")
final class SoakClient implements Callable<Integer> {
  @Mixin ChildOptions options;

  @Override
  public Integer call() throws Exception {
    RunnerLink link = new RunnerLink();
    Path dir = options.dir;
    Load load = Load.create("soak-client-pace", options.settings);
    Endpoints endpoints = Endpoints.load(dir);
    try (ClientLoad clients =
            ClientLoad.start(load, endpoints, Transport.NETWORK, Certificates.trusting(dir));
        ClientLog log =
            new ClientLog(
                dir.resolve(ClientLog.NETWORK_FILE), options.clock(), clients, load.tally())) {
      Sampler sampler = new Sampler(options.settings.sampleSeconds, load.tally(), List.of(log));
      link.say("ready");
      link.await("quit");
      sampler.close();
    }
    load.pacer().close();
    link.say("done");
    return 0;
  }
}
