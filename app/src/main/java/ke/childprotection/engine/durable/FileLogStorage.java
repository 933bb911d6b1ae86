package ke.childprotection.engine.durable;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.util.buffer.BufferWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's record log on disk: blocks appended to segment files, each framed with its positions
 * and a CRC32C checksum, and forced to disk before the engine is told the block is written. An append
 * is durable when it returns, so every command the engine acknowledged survives a kill -9 or a power
 * cut. At open, a block torn by a crash at the end of the last segment is cut off (it was never
 * acknowledged); damage anywhere else stops the engine rather than lose records silently.
 *
 * <p>Segments wholly behind a state snapshot are deleted by {@link #deleteBefore(long)}.
 */
public final class FileLogStorage implements LogStorage, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FileLogStorage.class);
  private static final int MAGIC = 0x4D434C31; // "MCL1"
  /** magic, payload length, lowest position, highest position, checksum of the payload. */
  static final int HEADER = 4 + 4 + 8 + 8 + 4;
  private static final String SUFFIX = ".log";

  private final Path directory;
  private final long segmentSize;
  private final List<Segment> segments = new ArrayList<>();
  private final ConcurrentSkipListMap<Long, Block> blocks = new ConcurrentSkipListMap<>();
  private final CopyOnWriteArraySet<CommitListener> commitListeners = new CopyOnWriteArraySet<>();
  private long appended;

  private record Block(Segment segment, long offset, int length, long highestPosition) {}

  private static final class Segment {
    final Path path;
    final FileChannel channel;
    long size;
    long highestPosition = -1;

    Segment(Path path, FileChannel channel, long size) {
      this.path = path;
      this.channel = channel;
      this.size = size;
    }
  }

  private FileLogStorage(Path directory, long segmentSize) {
    this.directory = directory;
    this.segmentSize = segmentSize;
  }

  /** Opens the log in {@code directory} (created if missing), reading back every block it holds. */
  public static FileLogStorage open(Path directory, long segmentSize) {
    FileLogStorage storage = new FileLogStorage(directory, segmentSize);
    try {
      Files.createDirectories(directory);
      storage.load();
    } catch (IOException e) {
      storage.close();
      throw new UncheckedIOException("Cannot open the engine's log in " + directory, e);
    }
    return storage;
  }

  private void load() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
    for (int i = 0; i < files.size(); i++) {
      boolean last = i == files.size() - 1;
      Path file = files.get(i);
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      Segment segment = new Segment(file, channel, channel.size());
      segments.add(segment);
      long validEnd = scan(segment);
      if (validEnd < segment.size) {
        if (!last) {
          throw new IllegalStateException("The engine's log segment " + file + " is damaged at byte " + validEnd
              + " and is not the last one: refusing to start rather than lose records. Restore the engine directory from a backup.");
        }
        log.warn("Engine log: cutting off {} bytes of a block torn at the end of {} (written, never acknowledged)",
            segment.size - validEnd, file.getFileName());
        channel.truncate(validEnd);
        channel.force(true);
        segment.size = validEnd;
      }
    }
    if (!blocks.isEmpty()) {
      log.info("Engine log: {} blocks in {} segments, positions {}..{}", blocks.size(), segments.size(),
          blocks.firstKey(), blocks.lastEntry().getValue().highestPosition());
    }
  }

  /** Reads the blocks of a segment into the index; returns where the valid blocks end. */
  private long scan(Segment segment) throws IOException {
    long offset = 0;
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    while (offset + HEADER <= segment.size) {
      header.clear();
      readFully(segment.channel, header, offset);
      header.flip();
      int magic = header.getInt();
      int length = header.getInt();
      long lowest = header.getLong();
      long highest = header.getLong();
      int checksum = header.getInt();
      if (magic != MAGIC || length < 0 || offset + HEADER + length > segment.size || highest < lowest) {
        return offset;
      }
      ByteBuffer payload = ByteBuffer.allocate(length);
      readFully(segment.channel, payload, offset + HEADER);
      if (crc(payload.array(), length) != checksum) {
        return offset;
      }
      if (!blocks.isEmpty() && lowest <= blocks.lastEntry().getValue().highestPosition()) {
        return offset;
      }
      blocks.put(lowest, new Block(segment, offset + HEADER, length, highest));
      segment.highestPosition = highest;
      appended++;
      offset += HEADER + length;
    }
    return offset;
  }

  @Override
  public LogStorageReader newReader() {
    return new Reader();
  }

  @Override
  public void append(long lowestPosition, long highestPosition, BufferWriter writer, AppendListener listener) {
    int length = writer.getLength();
    ByteBuffer frame = ByteBuffer.allocate(HEADER + length);
    writer.write(new UnsafeBuffer(frame), HEADER);
    frame.putInt(MAGIC).putInt(length).putLong(lowestPosition).putLong(highestPosition)
        .putInt(crc(frame.array(), HEADER, length));
    frame.clear();
    long index;
    synchronized (this) {
      try {
        Segment segment = segmentFor(lowestPosition, frame.remaining());
        long offset = segment.size;
        while (frame.hasRemaining()) {
          segment.channel.write(frame, offset + frame.position());
        }
        segment.channel.force(false);
        segment.size = offset + frame.limit();
        segment.highestPosition = highestPosition;
        blocks.put(lowestPosition, new Block(segment, offset + HEADER, length, highestPosition));
        index = ++appended;
      } catch (IOException e) {
        // The engine must not go on as if the block were written: its stream processor fails.
        throw new UncheckedIOException("Cannot write the engine's log in " + directory, e);
      }
    }
    listener.onWrite(index, highestPosition);
    listener.onCommit(index, highestPosition);
    commitListeners.forEach(CommitListener::onCommit);
  }

  private Segment segmentFor(long lowestPosition, int frameLength) throws IOException {
    Segment current = segments.isEmpty() ? null : segments.get(segments.size() - 1);
    if (current != null && (current.size == 0 || current.size + frameLength <= segmentSize)) {
      return current;
    }
    if (current != null) {
      current.channel.force(true);
    }
    Path file = directory.resolve("%020d%s".formatted(lowestPosition, SUFFIX));
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    forceDirectory(directory);
    Segment segment = new Segment(file, channel, 0);
    segments.add(segment);
    return segment;
  }

  /**
   * Deletes the segments whose every record lies before {@code position} (a position a state snapshot
   * has processed). The segment being written is always kept.
   */
  public synchronized int deleteBefore(long position) {
    int deleted = 0;
    while (segments.size() > 1 && segments.get(0).highestPosition >= 0 && segments.get(0).highestPosition < position) {
      Segment segment = segments.remove(0);
      blocks.values().removeIf(block -> block.segment() == segment);
      try {
        segment.channel.close();
        Files.deleteIfExists(segment.path);
      } catch (IOException e) {
        log.warn("Engine log: could not delete compacted segment {}: {}", segment.path, e.getMessage());
      }
      deleted++;
    }
    return deleted;
  }

  /** The lowest position still in the log, or -1 when it is empty. */
  public long firstPosition() {
    Map.Entry<Long, Block> first = blocks.firstEntry();
    return first == null ? -1 : first.getKey();
  }

  @Override
  public void addCommitListener(CommitListener listener) {
    commitListeners.add(listener);
  }

  @Override
  public void removeCommitListener(CommitListener listener) {
    commitListeners.remove(listener);
  }

  @Override
  public synchronized void close() {
    for (Segment segment : segments) {
      try {
        segment.channel.close();
      } catch (IOException e) {
        log.warn("Engine log: could not close {}: {}", segment.path, e.getMessage());
      }
    }
    segments.clear();
    blocks.clear();
  }

  static void forceDirectory(Path directory) throws IOException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("unexpected end of file");
      }
    }
  }

  private static int crc(byte[] bytes, int length) {
    return crc(bytes, 0, length);
  }

  private static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  /** Reads blocks in position order; sees blocks appended after it was created. */
  private final class Reader implements LogStorageReader {
    private long from = Long.MIN_VALUE;
    private boolean inclusive = true;

    @Override
    public void seek(long position) {
      Long floor = position < 0 ? null : blocks.floorKey(position);
      from = floor == null ? Long.MIN_VALUE : floor;
      inclusive = true;
    }

    private Map.Entry<Long, Block> upcoming() {
      return inclusive ? blocks.ceilingEntry(from) : blocks.higherEntry(from);
    }

    @Override
    public boolean hasNext() {
      return upcoming() != null;
    }

    @Override
    public DirectBuffer next() {
      Map.Entry<Long, Block> entry = upcoming();
      if (entry == null) {
        throw new NoSuchElementException();
      }
      Block block = entry.getValue();
      ByteBuffer payload = ByteBuffer.allocate(block.length());
      try {
        readFully(block.segment().channel, payload, block.offset());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the engine's log in " + directory, e);
      }
      from = entry.getKey();
      inclusive = false;
      return new UnsafeBuffer(payload.array());
    }

    @Override
    public void close() {}
  }
}
