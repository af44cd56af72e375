package org.sotto.coordinator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The numbers of one kind of round: wall-clock slots of the round interval (so they keep
 * increasing across restarts and clients never need to step a ratchet back), never one already
 * used, and never going back when the coordinator restarts with its clock behind: the last number
 * handed out is written to a file in the data directory before the round is announced, and a
 * restart continues after it. Vuvuzela's coordinator persists its round the same way
 * (coordinator/server.go, {@code persistLocked}).
 *
 * <p>The file is replaced atomically (write a sibling, force it to disk, rename over), so a crash
 * leaves either the old number or the new one, never a torn write.
 */
final class RoundNumbers {
  private final Path file;
  private long last;

  private RoundNumbers(Path file, long last) {
    this.file = file;
    this.last = last;
  }

  /**
   * Numbers persisted in {@code file}; a missing file starts from the clock.
   *
   * @throws IOException if the file exists but cannot be read or does not hold a round number
   */
  static RoundNumbers open(Path file) throws IOException {
    if (!Files.exists(file)) {
      return new RoundNumbers(file, -1);
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    try {
      return new RoundNumbers(file, Long.parseLong(text));
    } catch (NumberFormatException e) {
      throw new IOException(file + " should hold the last round number, not '" + text
          + "'; restore it from a backup or delete it to number rounds by the clock alone", e);
    }
  }

  /** The last number handed out, or -1 before the first. */
  synchronized long last() {
    return last;
  }

  /**
   * The number of the round whose window starts at {@code windowStartMs}: its slot of
   * {@code intervalMs}, or one more than the last number if that is not larger. Persisted before
   * it is returned.
   *
   * @throws UncheckedIOException if the number cannot be persisted (the round must not open)
   */
  synchronized long next(long windowStartMs, long intervalMs) {
    long round = Math.max(last + 1, windowStartMs / intervalMs);
    persist(round);
    last = round;
    return round;
  }

  private void persist(long round) {
    Path temporary = file.resolveSibling(file.getFileName() + ".new");
    try {
      try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        out.write(StandardCharsets.US_ASCII.encode(round + "\n"));
        out.force(true);
      }
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record round " + round + " in " + file, e);
    }
  }
}
