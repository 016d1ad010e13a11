package dev.kiln.api.io;

import static dev.kiln.api.Errors.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes: the usual permissions, links followed, and one-line errors naming the user's path. */
class AtomicFilesTest {
  @TempDir
  Path dir;

  private static void write(Path target, String text) {
    AtomicFiles.write(target, "model.kiln", out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.sorted().toList();
    }
  }

  @Test
  void aNewFileGetsTheUmasksPermissionsAndAReplacedFileKeepsItsOwn() throws IOException {
    assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null, "POSIX permissions");
    Path usual = Files.createFile(dir.resolve("usual"));
    Path fresh = dir.resolve("fresh.kiln");
    write(fresh, "new");
    assertEquals(Files.getPosixFilePermissions(usual), Files.getPosixFilePermissions(fresh),
        "a new file gets what any new file in this folder gets (0666 less the umask), not owner-only");
    Path shared = Files.writeString(dir.resolve("shared.kiln"), "old");
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r-----"));
    write(shared, "new");
    assertEquals("new", Files.readString(shared));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
  }

  @Test
  void aSymbolicLinkIsFollowedAndStaysALink() throws IOException {
    Files.createDirectory(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("link.kiln"), Path.of("real", "model.kiln"));
    write(link, "first");
    assertEquals("first", Files.readString(dir.resolve("real/model.kiln")));
    write(link, "second");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("second", Files.readString(dir.resolve("real/model.kiln")));
    assertEquals(List.of(dir.resolve("real/model.kiln")), files(dir.resolve("real")), "no temporary file is left");
  }

  @Test
  void badTargetsGiveOneLineNamingThePathAndTheFix() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("models"));
    expect(() -> write(folder, "x"), "cannot write " + folder + ": it is a folder; give a file name such as "
        + folder.resolve("model.kiln"));
    assertTrue(Files.isDirectory(folder));
    expect(() -> write(Path.of(""), "x"), "cannot write to an empty path; give a file name such as model.kiln");
    Path file = Files.writeString(dir.resolve("notes.txt"), "keep");
    Path inside = file.resolve("deeper/model.kiln");
    expect(() -> write(inside, "x"), "cannot write " + inside + ": " + file + " is a file, not a folder");
    Path loop = Files.createSymbolicLink(dir.resolve("loop"), Path.of("loop"));
    expect(() -> write(loop, "x"), "cannot write " + loop + ": more than 40 symbolic links in a row");
    assertEquals("keep", Files.readString(file));
    assertEquals(List.of(loop, folder, file), files(dir), "no temporary file is left");
  }

  @Test
  void aPipeOrOtherSpecialFileIsNeverReplaced() throws Exception {
    Path pipe = dir.resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
    assumeTrue(mkfifo.waitFor() == 0, "mkfifo makes a named pipe");
    String message = expect(() -> write(pipe, "x"), "cannot write " + pipe + ": it is a device, pipe or other "
        + "special file, which Kiln never replaces");
    assertFalse(message.contains(".partial"), message);
    assertTrue(Files.exists(pipe) && !Files.isRegularFile(pipe), "the pipe is still a pipe");
    assertEquals(List.of(pipe), files(dir));
  }
}
