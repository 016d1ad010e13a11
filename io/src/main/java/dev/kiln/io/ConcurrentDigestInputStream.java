package dev.kiln.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An input stream that digests what passes through it on a second thread, so that reading a large tensor and
 * checking its SHA-256 overlap instead of adding up. Each read's bytes are copied into one of a few reused
 * buffers, queued in order for the digest thread, which returns each buffer once digested; so a bounded
 * amount of memory is in flight and no garbage is made. {@link #digest()} waits for the thread to finish.
 */
final class ConcurrentDigestInputStream extends FilterInputStream {
  private static final int BUFFERS = 4;
  private static final int BUFFER_SIZE = 1 << 20;
  /** A filled buffer and how many of its bytes count; length -1 ends the stream. */
  private record Chunk(byte[] bytes, int length) {}

  private final BlockingQueue<Chunk> pending = new ArrayBlockingQueue<>(BUFFERS + 1);
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
  private final MessageDigest digest;
  private final Thread worker;

  ConcurrentDigestInputStream(InputStream in, MessageDigest digest) {
    super(in);
    this.digest = digest;
    for (int i = 0; i < BUFFERS; i++) {
      free.add(new byte[BUFFER_SIZE]);
    }
    this.worker = new Thread(this::drain, "kiln-digest");
    worker.setDaemon(true);
    worker.start();
  }

  private void drain() {
    try {
      for (Chunk chunk = pending.take(); chunk.length() >= 0; chunk = pending.take()) {
        digest.update(chunk.bytes(), 0, chunk.length());
        free.put(chunk.bytes());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, Math.min(length, BUFFER_SIZE));
    if (n > 0) {
      try {
        byte[] copy = free.take();
        System.arraycopy(buffer, offset, copy, 0, n);
        pending.put(new Chunk(copy, n));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while checksumming");
      }
    }
    return n;
  }

  /** The digest of everything read, once the digest thread has caught up. */
  byte[] digest() throws IOException {
    try {
      pending.put(new Chunk(null, -1));
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while checksumming");
    }
    return digest.digest();
  }

  @Override
  public void close() throws IOException {
    if (worker.isAlive()) {
      worker.interrupt();
    }
    super.close();
  }
}
