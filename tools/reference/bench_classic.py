#!/usr/bin/python3
"""The scikit-learn side of `./kiln bench classic` (plugins/classic ClassicBenchmark), on the same data.

Kiln writes the data to a folder as raw little-endian float64 files with their shapes in `shapes.txt`
(one line per file: name rows columns) and runs this script with that folder and the numbers of runs,
with OMP_NUM_THREADS / OPENBLAS_NUM_THREADS / MKL_NUM_THREADS set to its own thread count:

  kmeans_x [n, d], kmeans_init [k, d]: KMeans(k, init=kmeans_init, n_init=1, max_iter=20, tol=0,
      algorithm="lloyd").fit(kmeans_x), timed whole (validation, centring, Lloyd iterations, inertia);
  knn_train [n, d], knn_labels [n, 1], knn_queries [q, d]: KNeighborsClassifier(5, algorithm="brute")
      .fit(knn_train, knn_labels).predict(knn_queries), timed whole.

Each is run for 2 s to warm up (at least once), then KMEANS_RUNS or KNN_RUNS times; the median is printed as
`NAME seconds=S iterations=I` lines, and the KNN predictions are written to knn_predicted.bin (float64) so that
Kiln can compare them with its own. Prints `unavailable REASON` when scikit-learn cannot be imported.

Run: /usr/bin/python3 tools/reference/bench_classic.py DIR KMEANS_RUNS KNN_RUNS
     (scikit-learn 1.2.1, numpy 1.24)
"""
import os
import statistics
import sys
import time


def load(folder):
    arrays = {}
    import numpy as np
    with open(os.path.join(folder, "shapes.txt")) as shapes:
        for line in shapes:
            name, rows, columns = line.split()
            data = np.fromfile(os.path.join(folder, name + ".bin"), dtype="<f8")
            arrays[name] = data.reshape(int(rows), int(columns))
    return arrays


def median_seconds(work, runs):
    warming = time.perf_counter()
    while True:  # warm-up runs for 2 s (at least one), as Kiln's side warms its JIT up
        work()
        if time.perf_counter() - warming >= 2:
            break
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main():
    folder, kmeans_runs, knn_runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    try:
        import numpy as np
        import sklearn
        from sklearn.cluster import KMeans
        from sklearn.neighbors import KNeighborsClassifier
    except ImportError as e:
        print("unavailable %s" % e)
        return
    data = load(folder)
    print("version scikit-learn=%s numpy=%s threads=%s" % (sklearn.__version__, np.__version__,
                                                          os.environ.get("OMP_NUM_THREADS", "default")))
    x, init = data["kmeans_x"], data["kmeans_init"]
    seconds, km = median_seconds(lambda: KMeans(len(init), init=init, n_init=1, max_iter=20, tol=0,
                                                algorithm="lloyd").fit(x), kmeans_runs)
    print("kmeans seconds=%r iterations=%d inertia=%r" % (seconds, km.n_iter_, float(km.inertia_)))
    train, labels, queries = data["knn_train"], data["knn_labels"].ravel(), data["knn_queries"]
    seconds, predicted = median_seconds(
        lambda: KNeighborsClassifier(5, algorithm="brute").fit(train, labels).predict(queries), knn_runs)
    predicted.astype("<f8").tofile(os.path.join(folder, "knn_predicted.bin"))
    print("knn seconds=%r iterations=0" % seconds)


if __name__ == "__main__":
    main()
