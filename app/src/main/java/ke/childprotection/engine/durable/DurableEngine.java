package ke.childprotection.engine.durable;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.impl.ZeebeObjectMapper;
import io.camunda.zeebe.db.AccessMetricsConfiguration;
import io.camunda.zeebe.db.ConsistencyChecksSettings;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.rocksdb.RocksDbConfiguration;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory;
import io.camunda.zeebe.process.test.api.RecordStreamSource;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineWiring;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process Zeebe engine with its state on disk, recovered the way Zeebe's broker recovers a
 * partition: the newest state snapshot is laid out as the working database and the record log is
 * replayed after it. Every acknowledged command is in the fsync'd log ({@link FileLogStorage}), so a
 * kill -9 loses nothing; a snapshot is taken every so often (and at a clean stop) and the log behind it
 * deleted, so a restart replays only the tail. Process instances, jobs with their keys, timers with
 * their due dates and the key sequence all come back as they were.
 *
 * <p>Layout of {@code directory}: {@code log/} (segments), {@code snapshots/}, {@code runtime/} (the
 * working database, rebuilt at each start), {@code .lock} (one process at a time).
 */
public final class DurableEngine implements ZeebeTestEngine {
  private static final Logger log = LoggerFactory.getLogger(DurableEngine.class);

  /** Sizes of the engine's files and memory. */
  public record Settings(long logSegmentSize, long stateMemoryLimit) {
    public static Settings defaults() {
      return new Settings(64L * 1024 * 1024, 64L * 1024 * 1024);
    }
  }

  private final Path directory;
  private final InetSocketAddress address;
  private final FileChannel lockFile;
  private final FileLock lock;
  private final FileLogStorage logStorage;
  private final EngineSnapshots snapshots;
  private final ZeebeDb<ZbColumnFamilies> db;
  private final EngineWiring.Parts parts;
  private final long recoveredFrom;
  private long snapshotPosition;
  private volatile boolean stopped;
  private final Object readerLock = new Object();
  private io.camunda.zeebe.logstreams.log.LogStreamReader reader;
  /** The log is kept from here on for a reader that has not read further (Long.MAX_VALUE: none registered). */
  private volatile long retainFrom = Long.MAX_VALUE;

  private DurableEngine(Path directory, InetSocketAddress address, Settings settings) throws IOException {
    this.directory = directory;
    this.address = address;
    Files.createDirectories(directory);
    lockFile = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock acquired;
    try {
      acquired = lockFile.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException inThisJvm) {
      acquired = null;
    }
    if (acquired == null) {
      lockFile.close();
      throw new IllegalStateException("The engine directory " + directory + " is in use by another process "
          + "(another app instance?). One engine directory serves one app instance.");
    }
    lock = acquired;
    logStorage = FileLogStorage.open(directory.resolve("log"), settings.logSegmentSize());
    snapshots = new EngineSnapshots(directory.resolve("snapshots"));
    var latest = snapshots.latest();
    long firstPosition = logStorage.firstPosition();
    if (latest.isEmpty() && firstPosition > 1) {
      throw new IllegalStateException("The engine's log in " + directory + " starts at position " + firstPosition
          + " but there is no state snapshot to start from: the directory is incomplete. Restore it whole from a backup.");
    }
    if (latest.isPresent() && firstPosition > latest.get().position()) {
      throw new IllegalStateException("The engine's log in " + directory + " starts at position " + firstPosition
          + ", after the newest snapshot (" + latest.get().position() + "): records are missing. Restore the directory whole from a backup.");
    }
    Path runtime = directory.resolve("runtime");
    if (latest.isPresent()) {
      EngineSnapshots.restore(latest.get(), runtime);
    } else {
      EngineSnapshots.deleteTree(runtime);
    }
    recoveredFrom = latest.map(EngineSnapshots.Snapshot::position).orElse(-1L);
    snapshotPosition = recoveredFrom;
    RocksDbConfiguration rocks = new RocksDbConfiguration().setMemoryLimit(settings.stateMemoryLimit());
    db = new ZeebeRocksDbFactory<ZbColumnFamilies>(rocks, new ConsistencyChecksSettings(),
        new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, 1), SimpleMeterRegistry::new)
        .createDb(runtime.toFile());
    parts = EngineWiring.assemble(logStorage, db, address);
  }

  /**
   * Opens the engine kept in {@code directory}, its gRPC gateway to listen at {@code address} (the app
   * binds it to loopback). Call {@link #start()} to recover and serve.
   */
  public static DurableEngine open(Path directory, InetSocketAddress address, Settings settings) {
    try {
      return new DurableEngine(directory, address, settings);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the engine in " + directory, e);
    }
  }

  /** Replays the log after the newest snapshot, then serves commands (returns once it does). */
  @Override
  public void start() {
    long started = System.nanoTime();
    parts.streamProcessor().openAsync(false).join();
    awaitReplay();
    try {
      parts.grpcServer().start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen at " + address, e);
    }
    log.info("Engine recovered from {} (snapshot at position {}, log from {}) in {} ms; gRPC at {}", directory,
        recoveredFrom, logStorage.firstPosition(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        getGatewayAddress());
  }

  private void awaitReplay() {
    while (true) {
      StreamProcessor.Phase phase = parts.streamProcessor().getCurrentPhase().join();
      if (phase == StreamProcessor.Phase.PROCESSING) {
        return;
      }
      if (phase == StreamProcessor.Phase.FAILED) {
        throw new IllegalStateException("The engine failed while recovering its state from " + directory + "; see the log");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the engine recovered", e);
      }
    }
  }

  /**
   * Takes a snapshot of the state when the engine processed anything since the last one, then deletes
   * the log segments behind it. Returns the snapshot's position, or -1 when none was needed.
   */
  public synchronized long snapshot() {
    if (stopped) {
      return -1;
    }
    long processed = parts.streamProcessor().getLastProcessedPositionAsync().join();
    if (processed <= snapshotPosition) {
      return -1;
    }
    snapshots.take(db, processed);
    snapshotPosition = processed;
    int deleted = logStorage.deleteBefore(Math.min(processed, retainFrom));
    log.debug("Engine snapshot at position {}; {} log segments deleted", processed, deleted);
    return processed;
  }

  /**
   * Keeps the log from {@code position} on (a reader of the records, such as the app's mirror of
   * incidents, has read up to there): a snapshot deletes no segment holding it or anything after it, as
   * Zeebe's broker keeps the log for its exporters.
   */
  public void retainLogFrom(long position) {
    retainFrom = Math.max(position, 0);
  }

  /** The lowest position still in the log (-1: the log is empty). */
  public long firstLogPosition() {
    return logStorage.firstPosition();
  }

  /** What {@link #readAfter} hands over: the record, decoded, with its position. */
  public interface RecordSink {
    void accept(io.camunda.zeebe.protocol.record.Record<?> record);
  }

  /** Which records to decode (the rest are skipped by their header). */
  public interface RecordFilter {
    boolean wants(io.camunda.zeebe.protocol.record.RecordType type, io.camunda.zeebe.protocol.record.ValueType valueType,
        io.camunda.zeebe.protocol.record.intent.Intent intent);
  }

  /**
   * Reads up to {@code max} records written after {@code position} (0: from the first one kept), hands
   * those the filter wants to {@code sink} and returns the position of the last record read ({@code
   * position} when there was none). Records are read once the engine wrote them to the log.
   */
  public long readAfter(long position, int max, RecordFilter filter, RecordSink sink) {
    synchronized (readerLock) {
      if (stopped) {
        return position;
      }
      if (reader == null) {
        reader = parts.logStream().newLogStreamReader();
      }
      if (position <= 0) {
        reader.seekToFirstEvent();
      } else {
        reader.seekToNextEvent(position);
      }
      long last = position;
      int read = 0;
      while (read < max && reader.hasNext()) {
        io.camunda.zeebe.logstreams.log.LoggedEvent event = reader.next();
        var metadata = new io.camunda.zeebe.protocol.impl.record.RecordMetadata();
        event.readMetadata(metadata);
        if (filter.wants(metadata.getRecordType(), metadata.getValueType(), metadata.getIntent())) {
          sink.accept(decode(event, metadata));
        }
        last = event.getPosition();
        read++;
      }
      return last;
    }
  }

  private static io.camunda.zeebe.protocol.record.Record<?> decode(io.camunda.zeebe.logstreams.log.LoggedEvent event,
      io.camunda.zeebe.protocol.impl.record.RecordMetadata metadata) {
    io.camunda.zeebe.protocol.impl.record.UnifiedRecordValue value;
    try {
      value = io.camunda.zeebe.protocol.impl.record.UnifiedRecordValue.allRecordsMap().get(metadata.getValueType())
          .getClass().getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot decode a " + metadata.getValueType() + " record", e);
    }
    event.readValue(value);
    return new io.camunda.zeebe.protocol.impl.record.CopiedRecord<>(value, metadata, event.getKey(), 1,
        event.getPosition(), event.getSourceEventPosition(), event.getTimestamp());
  }

  /** The position of the newest snapshot (-1: none yet). */
  public synchronized long snapshotPosition() {
    return snapshotPosition;
  }

  public boolean isHealthy() {
    return !stopped && !parts.streamProcessor().isFailed();
  }

  /** Stops serving, takes a last snapshot (so the next start replays nothing) and closes the files. */
  @Override
  public void stop() {
    stop(true);
  }

  /**
   * Stops without a last snapshot and without waiting for processing to pause, leaving the files as a
   * crash would (tests and benchmarks of recovery; the next start replays the log after the last snapshot).
   */
  public void halt() {
    stop(false);
  }

  private void stop(boolean lastSnapshot) {
    synchronized (this) {
      if (stopped) {
        return;
      }
      parts.grpcServer().shutdownNow();
      try {
        parts.grpcServer().awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (lastSnapshot) {
        try {
          parts.streamProcessor().pauseProcessing().join();
          snapshot();
        } catch (RuntimeException e) {
          log.warn("Engine: no snapshot at stop ({}); the next start replays the log", e.getMessage());
        }
      }
      stopped = true;
    }
    synchronized (readerLock) {
      if (reader != null) {
        closeQuietly(reader::close);
      }
    }
    closeQuietly(() -> parts.streamProcessor().closeAsync().join());
    closeQuietly(db::close);
    closeQuietly(() -> parts.logStream().close());
    closeQuietly(() -> parts.scheduler().stop().get(30, TimeUnit.SECONDS));
    closeQuietly(logStorage::close);
    closeQuietly(lock::release);
    closeQuietly(lockFile::close);
    log.info("Engine stopped; its state is in {}", directory);
  }

  private interface Closing {
    void run() throws Exception;
  }

  private static void closeQuietly(Closing closing) {
    try {
      closing.run();
    } catch (Exception e) {
      log.warn("Engine: while stopping: {}", e.toString());
    }
  }

  @Override
  public RecordStreamSource getRecordStreamSource() {
    return parts.records();
  }

  @Override
  public ZeebeClient createClient() {
    return clientBuilder().build();
  }

  /** A client whose commands wait up to {@code requestTimeout} for the engine (tests on a busy machine). */
  public ZeebeClient createClient(Duration requestTimeout) {
    return clientBuilder().defaultRequestTimeout(requestTimeout).build();
  }

  @Override
  public ZeebeClient createClient(ObjectMapper objectMapper) {
    return clientBuilder().withJsonMapper(new ZeebeObjectMapper(objectMapper)).build();
  }

  @SuppressWarnings("deprecation")
  private io.camunda.zeebe.client.ZeebeClientBuilder clientBuilder() {
    return ZeebeClient.newClientBuilder().applyEnvironmentVariableOverrides(false).preferRestOverGrpc(false)
        .gatewayAddress(getGatewayAddress()).usePlaintext();
  }

  @Override
  public String getGatewayAddress() {
    int port = address.getPort() == 0 && !parts.grpcServer().isShutdown() ? parts.grpcServer().getPort() : address.getPort();
    return address.getAddress().getHostAddress() + ":" + port;
  }

  /** Moves the engine's clock (tests only: deadlines then fall due without waiting). */
  @Override
  public void increaseTime(Duration timeToAdd) {
    parts.clock().addTime(timeToAdd);
  }

  @Override
  public void waitForIdleState(Duration timeout) throws InterruptedException, TimeoutException {
    waitFor(timeout, true);
  }

  @Override
  public void waitForBusyState(Duration timeout) throws InterruptedException, TimeoutException {
    waitFor(timeout, false);
  }

  private void waitFor(Duration timeout, boolean idle) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int idleChecks = 0;
    while (System.nanoTime() < deadline) {
      boolean atEnd = parts.streamProcessor().hasProcessingReachedTheEnd().join();
      if (atEnd == idle && (!idle || ++idleChecks >= 2)) {
        return;
      }
      if (atEnd != idle) {
        idleChecks = 0;
      }
      Thread.sleep(25);
    }
    throw new TimeoutException("engine not " + (idle ? "idle" : "busy") + " within " + timeout);
  }
}
