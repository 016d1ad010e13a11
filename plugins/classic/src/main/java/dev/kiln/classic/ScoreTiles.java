package dev.kiln.classic;

import dev.kiln.kernels.Gemm;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The scores of queries against training rows, tile by tile, for {@link Neighbors}: a tile is
 * {@value Neighbors#QUERY_BLOCK} queries (or fewer) by as many training rows as fit in {@code blockBytes} of
 * scores, scored by one call into one buffer reused from tile to tile (released at the end, not at some
 * collection) and scanned in place, the queries of a tile in parallel. The GEMM metrics score {@code −2 x·y}
 * (euclidean) or {@code −x̂·ŷ} (cosine, unit rows); manhattan, ND4J's pairwise {@code Σ|x − y|}.
 */
final class ScoreTiles {
  /** Reads query {@code query}'s {@code m} scores in {@code tile} from {@code at}: training rows from {@code from}. */
  interface Scan {
    void scan(int query, INDArray tile, int at, int m, int from);
  }

  private final String metric;
  private final long blockBytes;

  ScoreTiles(String metric, long blockBytes) {
    this.metric = metric;
    this.blockBytes = blockBytes;
  }

  /**
   * Scores every tile of {@code queries} against {@code training} (both of {@code type}) and has {@code scan}
   * read each query's scores, the training rows in index order.
   */
  void scan(INDArray queries, INDArray training, DataType type, Scan scan) {
    int q = (int) queries.size(0);
    int n = (int) training.size(0);
    int block = Math.min(q, Neighbors.QUERY_BLOCK);
    int chunk = (int) Math.max(1, Math.min(n, blockBytes / ((long) type.width() * block)));
    INDArray buffer = metric.equals("manhattan") ? null : Nd4j.createUninitialized(type, (long) chunk * block);
    for (int start = 0; start < q; start += block) {
      int first = start;
      INDArray rowsOfTile = queries.get(NDArrayIndex.interval(start, Math.min(q, start + block)), NDArrayIndex.all());
      for (int from = 0; from < n; from += chunk) {
        int offset = from;
        int m = Math.min(n, from + chunk) - from;
        INDArray tile = scores(rowsOfTile, training, from, m, buffer);
        IntStream.range(0, (int) rowsOfTile.size(0)).parallel().forEach(i -> scan.scan(first + i, tile, i * m, m,
            offset));
        if (buffer == null) {
          tile.close();   // manhattan's own array
        }
      }
    }
    if (buffer != null) {
      buffer.close();   // the views above do not keep it alive
    }
  }

  /**
   * The scores of {@code rows [b, d]} against the {@code m} training rows from {@code from}, query {@code i}'s at
   * {@code [i m, (i+1) m)}: in {@code buffer} except for manhattan.
   */
  private INDArray scores(INDArray rows, INDArray training, int from, int m, INDArray buffer) {
    INDArray part = training.get(NDArrayIndex.interval(from, from + m), NDArrayIndex.all());
    if (metric.equals("manhattan")) {
      return Transforms.allManhattanDistances(rows, part, 1);   // [b, m], row-major
    }
    // [m, b] in column-major order is [b, m] in row-major order: each query's scores are contiguous
    INDArray out = Nd4j.create(buffer.data(), new long[] {m, rows.size(0)}, new long[] {1, m}, 0, 'f');
    Gemm.gemm(part, rows, out, false, true, metric.equals("euclidean") ? -2.0 : -1.0, 0.0);
    return out;
  }
}
