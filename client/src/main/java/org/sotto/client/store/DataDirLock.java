package org.sotto.client.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One client per data folder. Two would both answer the same dead drops each round (a dead drop
 * pairs exactly two requests) and race on the same outbox, so the second is refused.
 */
public final class DataDirLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** @return the lock, or null when another client holds it */
  public static DataDirLock tryAcquire(Path dataDir) throws IOException {
    FileChannel ch = FileChannel.open(dataDir.resolve("lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    try {
      FileLock lock = ch.tryLock();
      if (lock == null) {
        ch.close();
        return null;
      }
      return new DataDirLock(ch, lock);
    } catch (OverlappingFileLockException e) {
      ch.close();
      return null;
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the lock goes with the process anyway
    }
  }
}
