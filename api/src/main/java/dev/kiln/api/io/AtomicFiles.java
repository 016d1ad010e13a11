package dev.kiln.api.io;

import dev.kiln.api.KilnException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that it is either entirely the new content or still the old one: the content goes to a
 * temporary file in the same folder, is forced to disk, then renamed over the target in one atomic step.
 * A failure at any point deletes the temporary file and leaves the target untouched.
 *
 * <p>A new file gets the permissions any program's new file gets (0666 less the umask), a replaced file keeps
 * its own. A symbolic link is followed: the file it points to is replaced and the link stays. Folders, devices,
 * pipes and other special files are refused, never replaced.
 */
public final class AtomicFiles {
  /** The most symbolic links followed in a row, as Linux's own limit (ELOOP). */
  private static final int MAX_LINKS = 40;

  private AtomicFiles() {}

  /** Something that writes a file's content. */
  @FunctionalInterface
  public interface Content {
    /**
     * Writes the whole content to {@code out}, which {@link AtomicFiles#write} closes afterwards.
     *
     * @throws IOException when writing fails; the target is then left untouched
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Replaces {@code target} with what {@code content} writes; fails with a one-line message naming
   * {@code target}.
   *
   * @param example a file name that suits the content, such as {@code model.kiln}, which the message suggests
   *     when {@code target} is a folder or empty
   */
  public static void write(Path target, String example, Content content) {
    if (target.toString().isEmpty()) {
      throw new KilnException("cannot write to an empty path; give a file name such as " + example);
    }
    Path file = target.toAbsolutePath();
    Path temporary = null;
    try {
      file = followLinks(target, file);
      check(target, file, example);
      temporary = file.resolveSibling("." + file.getFileName() + "."
          + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".partial");
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        keepPermissions(file, temporary);
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
      temporary = null;
    } catch (IOException e) {
      throw new KilnException("cannot write " + target + ": " + reason(e, file), e);
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

  /** The file that {@code path} names once symbolic links are followed (it need not exist). */
  private static Path followLinks(Path target, Path path) throws IOException {
    Path file = path;
    for (int links = 0; Files.isSymbolicLink(file); links++) {
      if (links == MAX_LINKS) {
        throw new KilnException("cannot write " + target + ": more than " + MAX_LINKS
            + " symbolic links in a row (a loop?); fix the link or choose another path");
      }
      file = file.resolveSibling(Files.readSymbolicLink(file));
    }
    return file;
  }

  /** Refuses a target that is a folder or a special file, or whose folder is missing or is not a folder. */
  private static void check(Path target, Path file, String example) {
    if (Files.isDirectory(file)) {
      throw new KilnException("cannot write " + target + ": it is a folder; give a file name such as "
          + target.resolve(example));
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new KilnException("cannot write " + target + ": it is a device, pipe or other special file, which Kiln"
          + " never replaces; choose a regular file, such as " + example + " in a folder of yours");
    }
    Path folder = file.getParent();
    if (!Files.isDirectory(folder)) {
      Path existing = folder;
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      throw new KilnException("cannot write " + target + ": " + (existing == null || Files.isDirectory(existing)
          ? "folder " + folder + " does not exist; create it first"
          : existing + " is a file, not a folder; choose a path inside a folder"));
    }
  }

  /** Gives {@code temporary} the permissions of {@code file} when it exists, on file systems that have them. */
  private static void keepPermissions(Path file, Path temporary) throws IOException {
    if (Files.exists(file) && Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
      Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(file));
    }
  }

  /** Why {@code e} happened, without the temporary file's name: the user never chose that name. */
  private static String reason(IOException e, Path file) {
    Path folder = file.getParent();
    if (e instanceof AccessDeniedException) {
      return "permission denied in folder " + folder + "; choose a folder you can write to";
    }
    if (e instanceof NoSuchFileException) {
      return "folder " + folder + " does not exist; create it first";
    }
    if (e instanceof FileSystemException fs) {
      return fs.getReason() == null ? e.getClass().getSimpleName() : fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
