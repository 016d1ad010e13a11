package dev.kiln.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kiln.api.Origin;
import dev.kiln.api.data.Dataset;
import dev.kiln.api.train.Fit;
import dev.kiln.api.train.Training;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * How a model was made: the data it was fitted on (SHA-256 of its float64 values and its shapes), the
 * training settings and optimizer, the seed, the versions of Kiln, the plugin, ND4J and Java, the backend,
 * the wall time, the final loss and any metrics the user adds. Saved with the model; shown by
 * {@code model.provenance()}.
 */
public record Provenance(String dataSha256, List<Long> featureShape, List<Long> labelShape,
    Map<String, Object> training, Map<String, String> versions, double wallSeconds, Double finalLoss,
    Map<String, Double> metrics, String trainedAt) {
  /** Copies the shapes and maps into unmodifiable ones that keep their order. */
  public Provenance {
    featureShape = List.copyOf(featureShape);
    labelShape = List.copyOf(labelShape);
    training = Collections.unmodifiableMap(new LinkedHashMap<>(training));
    versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** The provenance of {@code model} fitted on {@code data} as {@code how} says, with result {@code fit}. */
  public static Provenance of(Origin model, Dataset data, Training how, Origin optimizer, Fit fit) {
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("solver", optimizer == null ? "the model's own" : optimizer.name());
    if (optimizer != null) {
      training.put("optimizerOptions", optimizer.options());
      training.put("epochs", how.epochs());
      training.put("batchSize", how.batchSize());
      training.put("shuffle", how.shuffle());
    }
    training.put("seed", how.seed());
    training.put("epochsRun", fit.epochs());
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("kiln", RuntimeVersions.kiln());
    versions.put("plugin", model.name() + " " + model.version());
    versions.put("nd4j", RuntimeVersions.nd4j());
    versions.put("backend", RuntimeVersions.backend());
    versions.put("java", RuntimeVersions.java());
    return new Provenance(fingerprint(data), shape(data.features()),
        data.hasLabels() ? shape(data.labels()) : List.of(), training, versions,
        fit.wallTime().toNanos() / 1e9, Double.isFinite(fit.finalLoss()) ? fit.finalLoss() : null, Map.of(),
        Instant.now().toString());
  }

  /** A copy with one more named metric (such as a test accuracy). */
  public Provenance withMetric(String name, double value) {
    Map<String, Double> more = new LinkedHashMap<>(metrics);
    more.put(name, value);
    return new Provenance(dataSha256, featureShape, labelShape, training, versions, wallSeconds, finalLoss, more,
        trainedAt);
  }

  /** SHA-256 over the features then the labels, as little-endian float64 values in row-major order. */
  static String fingerprint(Dataset data) {
    MessageDigest digest = Sha256.digest();
    update(digest, data.features());
    if (data.hasLabels()) {
      update(digest, data.labels());
    }
    return Sha256.hex(digest);
  }

  /** Hashes {@code array} a block of rows at a time, so that large data sets need no full copy. */
  private static void update(MessageDigest digest, INDArray array) {
    long rows = array.rank() == 0 ? 1 : array.size(0);
    long block = Math.max(1, (1 << 20) / Math.max(1, array.length() / Math.max(1, rows)));
    for (long start = 0; start < rows; start += block) {
      INDArray part = array.rank() == 0 ? array
          : array.get(NDArrayIndex.interval(start, Math.min(rows, start + block)));
      double[] values = part.castTo(DataType.DOUBLE).dup('c').data().asDouble();
      ByteBuffer bytes = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asDoubleBuffer().put(values);
      digest.update(bytes);
    }
  }

  /** This provenance as indented JSON. */
  public String toJson() {
    try {
      return ModelFile.JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("provenance is plain data and always serialises", e);
    }
  }

  private static List<Long> shape(INDArray array) {
    return Arrays.stream(array.shape()).boxed().toList();
  }
}
