package dev.kiln.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkTest {
  @Test
  void aReferenceProcessUsesKilnsThreadsAndOtherwiseItsEnvironment() {
    ProcessBuilder builder = Benchmark.referenceProcess(List.of("/usr/bin/python3", "bench.py"), 3);
    Map<String, String> environment = builder.environment();
    for (String variable : List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")) {
      assertEquals("3", environment.get(variable), variable);
    }
    assertEquals(System.getenv("GOMP_SPINCOUNT"), environment.get("GOMP_SPINCOUNT"));
    assertEquals(System.getenv("OMP_WAIT_POLICY"), environment.get("OMP_WAIT_POLICY"));
    assertEquals(System.getenv("OPENBLAS_THREAD_TIMEOUT"), environment.get("OPENBLAS_THREAD_TIMEOUT"));
    assertEquals(List.of("/usr/bin/python3", "bench.py"), builder.command());
    assertTrue(builder.redirectErrorStream());
  }

  @Test
  void theIdleThreadsLineNamesWhatIsSet() {
    String line = Benchmark.idleThreads();
    assertTrue(line.startsWith("idle threads wait "), line);
    for (String variable : List.of("OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "OPENBLAS_THREAD_TIMEOUT")) {
      String value = System.getenv(variable);
      assertTrue(value == null || line.contains(variable + "=" + value), line);
    }
  }
}
