package ke.childprotection.engine.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.util.buffer.BufferWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's log on disk: what was appended is read back in order, a torn tail is cut, damage is refused. */
class FileLogStorageTest {
  @TempDir Path directory;

  private static BufferWriter bytes(String text) {
    byte[] content = text.getBytes(StandardCharsets.UTF_8);
    return new BufferWriter() {
      @Override public int getLength() { return content.length; }
      @Override public int write(MutableDirectBuffer buffer, int offset) {
        buffer.putBytes(offset, content);
        return content.length;
      }
    };
  }

  private static final LogStorage.AppendListener NONE = new LogStorage.AppendListener() {};

  private static List<String> readAll(FileLogStorage log, long seek) {
    List<String> blocks = new ArrayList<>();
    try (LogStorageReader reader = log.newReader()) {
      reader.seek(seek);
      while (reader.hasNext()) {
        DirectBuffer block = reader.next();
        blocks.add(block.getStringWithoutLengthUtf8(0, block.capacity()));
      }
    }
    return blocks;
  }

  private static void appendBlocks(FileLogStorage log) {
    log.append(1, 2, bytes("one"), NONE);
    log.append(3, 3, bytes("two"), NONE);
    log.append(4, 6, bytes("three"), NONE);
  }

  @Test
  void blocksComeBackInOrderAfterAReopenAndSeekFindsTheBlockHoldingAPosition() {
    FileLogStorage log = FileLogStorage.open(directory, 1024);
    appendBlocks(log);
    log.close();
    FileLogStorage reopened = FileLogStorage.open(directory, 1024);
    try {
      assertThat(readAll(reopened, -1)).containsExactly("one", "two", "three");
      assertThat(readAll(reopened, 5)).containsExactly("three");
      assertThat(readAll(reopened, 3)).containsExactly("two", "three");
      assertThat(readAll(reopened, 99)).containsExactly("three");
      reopened.append(7, 7, bytes("four"), NONE);
      assertThat(readAll(reopened, 6)).containsExactly("three", "four");
    } finally {
      reopened.close();
    }
  }

  @Test
  void aBlockTornAtTheEndIsCutOffAndTheRestKept() throws IOException {
    FileLogStorage log = FileLogStorage.open(directory, 1024);
    appendBlocks(log);
    log.close();
    Path segment = segments().get(segments().size() - 1);
    long intact = Files.size(segment);
    // half a block: a header that promises more bytes than follow, as a crash mid-write leaves it
    Files.write(segment, new byte[] {0x4D, 0x43, 0x4C, 0x31, 0, 0, 0, 100, 0, 0}, StandardOpenOption.APPEND);
    FileLogStorage reopened = FileLogStorage.open(directory, 1024);
    try {
      assertThat(readAll(reopened, -1)).containsExactly("one", "two", "three");
      assertThat(Files.size(segment)).isEqualTo(intact);
    } finally {
      reopened.close();
    }
  }

  @Test
  void damageBeforeTheLastSegmentIsRefused() throws IOException {
    FileLogStorage log = FileLogStorage.open(directory, 40); // a segment per block
    appendBlocks(log);
    log.close();
    assertThat(segments()).hasSize(3);
    Path first = segments().get(0);
    byte[] content = Files.readAllBytes(first);
    content[content.length - 1] ^= 0x7F; // one flipped bit in the payload: the checksum fails
    Files.write(first, content);
    assertThatThrownBy(() -> FileLogStorage.open(directory, 40))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("damaged");
  }

  @Test
  void segmentsBehindAPositionAreDeletedButNotTheOneBeingWritten() throws IOException {
    FileLogStorage log = FileLogStorage.open(directory, 40);
    try {
      appendBlocks(log);
      assertThat(log.deleteBefore(4)).isEqualTo(2);
      assertThat(log.firstPosition()).isEqualTo(4);
      assertThat(readAll(log, -1)).containsExactly("three");
      assertThat(log.deleteBefore(100)).isZero();
      assertThat(segments()).hasSize(1);
    } finally {
      log.close();
    }
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
    }
  }
}
