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
    assertEquals(List.of("/usr/bin/python3", "bench.py"), builder.command());
    assertTrue(builder.redirectErrorStream());
  }

  @Test
  void theOpenMpLineNamesWhatIsSet() {
    String line = Benchmark.openMpWaiting();
    String policy = System.getenv("OMP_WAIT_POLICY");
    assertTrue(line.startsWith("OpenMP waiting "), line);
    assertTrue(policy == null || line.contains("OMP_WAIT_POLICY=" + policy), line);
  }
}
