package dev.kiln.api.io;

import dev.kiln.api.KilnException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that it is either entirely the new content or still the old one: the content goes to a
 * temporary file in the same folder, is forced to disk, then renamed over the target in one atomic step.
 * A failure at any point deletes the temporary file and leaves the target untouched.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Something that writes a file's content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Replaces {@code target} with what {@code content} writes; fails with a one-line message. */
  public static void write(Path target, Content content) {
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    if (!Files.isDirectory(folder)) {
      throw new KilnException("cannot write " + target + ": folder " + folder + " does not exist; create it first");
    }
    Path temporary = null;
    try {
      temporary = Files.createTempFile(folder, "." + absolute.getFileName(), ".partial");
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      try {
        Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      temporary = null;
    } catch (NoSuchFileException e) {
      throw new KilnException("cannot write " + target + ": " + e.getMessage() + " does not exist", e);
    } catch (IOException e) {
      throw new KilnException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // the temporary file stays behind; the target is untouched either way
        }
      }
    }
  }
}
