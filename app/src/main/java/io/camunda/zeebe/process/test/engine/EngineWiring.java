package io.camunda.zeebe.process.test.engine;

import io.camunda.search.clients.SearchClientsProxy;
import io.camunda.security.auth.BrokerRequestAuthorizationConverter;
import io.camunda.security.configuration.SecurityConfiguration;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.engine.Engine;
import io.camunda.zeebe.engine.EngineConfiguration;
import io.camunda.zeebe.engine.processing.EngineProcessors;
import io.camunda.zeebe.engine.processing.message.command.SubscriptionCommandSender;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.process.test.api.RecordStreamSource;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.scheduler.ActorScheduler;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import io.camunda.zeebe.stream.impl.ControllableStreamClockImpl;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import io.camunda.zeebe.util.FeatureFlags;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Wires Zeebe Process Test's engine (the real Zeebe stream processor and engine processors) around a
 * log storage and a state database given by the caller, with its gRPC gateway bound to the given
 * address. Zeebe Process Test's own factory always builds an in-memory log and state and listens on
 * all interfaces; its collaborators are package-private, hence this class in its package. It only
 * assembles parts: durability (what the log and the state are) is the caller's.
 */
public final class EngineWiring {
  private static final int PARTITION_ID = 1;
  private static final int PARTITION_COUNT = 1;

  private EngineWiring() {}

  /** The assembled engine, not yet started. */
  public record Parts(
      Server grpcServer,
      StreamProcessor streamProcessor,
      LogStream logStream,
      ActorScheduler scheduler,
      ControlledActorClock clock,
      RecordStreamSource records) {}

  public static Parts assemble(LogStorage logStorage, ZeebeDb<ZbColumnFamilies> db, InetSocketAddress bind) {
    ControlledActorClock clock = new ControlledActorClock();
    ActorScheduler scheduler = ActorScheduler.newActorScheduler().setActorClock(clock).build();
    scheduler.start();
    LogStream logStream = LogStream.builder()
        .withPartitionId(PARTITION_ID)
        .withLogStorage(logStorage)
        .withClock(clock)
        .withMeterRegistry(new SimpleMeterRegistry())
        .build();
    CommandWriter commandWriter = new CommandWriter(logStream.newLogStreamWriter());
    CommandSender commandSender = new CommandSender(commandWriter);
    GatewayRequestStore requests = new RestartSafeRequestStore();
    InMemoryJobStreamer jobStreamer = new InMemoryJobStreamer(commandWriter);
    GrpcToLogStreamGateway gateway = new GrpcToLogStreamGateway(
        commandWriter, PARTITION_ID, PARTITION_COUNT, bind.getPort(), requests, jobStreamer);
    Server grpcServer = NettyServerBuilder.forAddress(bind).addService(gateway).build();
    GrpcResponseWriter responses = new GrpcResponseWriter(gateway, requests, null);

    SecurityConfiguration security = new SecurityConfiguration();
    security.getAuthorizations().setEnabled(false);
    StreamProcessor streamProcessor = StreamProcessor.builder()
        .logStream(logStream)
        .zeebeDb(db)
        .commandResponseWriter(responses)
        .partitionCommandSender(commandSender)
        .recordProcessors(List.of(new Engine(
            context -> EngineProcessors.createEngineProcessors(
                context,
                PARTITION_COUNT,
                new SubscriptionCommandSender(context.getPartitionId(), commandSender),
                commandSender,
                FeatureFlags.createDefault(),
                jobStreamer,
                SearchClientsProxy.noop(),
                new BrokerRequestAuthorizationConverter(security)),
            new EngineConfiguration(),
            security)))
        .actorSchedulingService(scheduler)
        .clock(new ControllableStreamClockImpl(clock))
        .meterRegistry(new SimpleMeterRegistry())
        .build();
    RecordStreamSource records = new RecordStreamSourceImpl(logStream.newLogStreamReader(), PARTITION_ID);
    return new Parts(grpcServer, streamProcessor, logStream, scheduler, clock, records);
  }
}
