package ke.childprotection.engine.durable;

import io.camunda.zeebe.db.ZeebeDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots of the engine's state database, as Zeebe's broker keeps them: a RocksDB checkpoint taken
 * while the engine runs, named by a position the state has processed at least up to. A snapshot is
 * complete only once renamed into place; the engine starts from the newest complete one and replays
 * the log after it. Older snapshots are deleted once a newer one is complete.
 */
public final class EngineSnapshots {
  private static final Logger log = LoggerFactory.getLogger(EngineSnapshots.class);
  private static final String PREFIX = "snapshot-";
  private static final String PENDING = "pending-";

  private final Path directory;

  public EngineSnapshots(Path directory) {
    this.directory = directory;
    try {
      Files.createDirectories(directory);
      try (Stream<Path> list = Files.list(directory)) {
        for (Path pending : list.filter(p -> p.getFileName().toString().startsWith(PENDING)).toList()) {
          log.info("Engine: removing an unfinished snapshot {}", pending.getFileName());
          deleteTree(pending);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the engine's snapshots in " + directory, e);
    }
  }

  public record Snapshot(long position, Path path) {}

  public Optional<Snapshot> latest() {
    return all().stream().max(Comparator.comparingLong(Snapshot::position));
  }

  private List<Snapshot> all() {
    try (Stream<Path> list = Files.list(directory)) {
      return list.filter(p -> p.getFileName().toString().startsWith(PREFIX))
          .map(p -> new Snapshot(Long.parseLong(p.getFileName().toString().substring(PREFIX.length())), p))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Takes a snapshot of {@code db}, whose state has processed at least up to {@code position}. Returns
   * false when a snapshot at that position exists already.
   */
  public boolean take(ZeebeDb<?> db, long position) {
    Path target = directory.resolve(PREFIX + "%020d".formatted(position));
    if (Files.exists(target)) {
      return false;
    }
    Path pending = directory.resolve(PENDING + "%020d-%d".formatted(position, System.nanoTime()));
    try {
      db.createSnapshot(pending.toFile());
      forceTree(pending);
      try {
        Files.move(pending, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("The engine directory must allow atomic renames", e);
      }
      FileLogStorage.forceDirectory(directory);
    } catch (IOException e) {
      deleteQuietly(pending);
      throw new UncheckedIOException("Cannot write an engine snapshot in " + directory, e);
    }
    for (Snapshot older : all()) {
      if (older.position() < position) {
        deleteQuietly(older.path());
      }
    }
    return true;
  }

  /**
   * Lays a snapshot out as the engine's working database in {@code runtime} (emptied first): its
   * table files are hard-linked (RocksDB never changes one in place), the rest copied.
   */
  public static void restore(Snapshot snapshot, Path runtime) {
    try {
      deleteTree(runtime);
      Files.createDirectories(runtime);
      try (Stream<Path> files = Files.list(snapshot.path())) {
        for (Path file : files.toList()) {
          Path copy = runtime.resolve(file.getFileName());
          if (file.getFileName().toString().endsWith(".sst")) {
            try {
              Files.createLink(copy, file);
              continue;
            } catch (UnsupportedOperationException | FileSystemException e) {
              // another file system: copy instead
            }
          }
          Files.copy(file, copy);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot restore the engine snapshot " + snapshot.path(), e);
    }
  }

  static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      deleteTree(path);
    } catch (IOException e) {
      log.warn("Engine: could not delete {}: {}", path, e.getMessage());
    }
  }

  private static void forceTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
          channel.force(true);
        }
      }
    }
    FileLogStorage.forceDirectory(dir);
  }
}
