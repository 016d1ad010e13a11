package dev.kiln.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** {@link Team}: every item of every step runs once, on members in range; a failure reaches the caller. */
class TeamTest {

  @Test
  void everyItemOfEveryStepRunsOnce() {
    for (int size = 1; size <= 3; size++) {
      try (Team team = new Team(size, "test")) {
        for (int step = 0; step < 200; step++) {
          int count = step % 7 * 5;
          AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(1, count));
          int members = team.size();
          team.run(count, (member, item) -> {
            assertTrue(member >= 0 && member < members, "member " + member);
            runs.incrementAndGet(item);
          });
          for (int item = 0; item < count; item++) {
            assertEquals(1, runs.get(item), "item " + item + " of step " + step + ", " + members + " members");
          }
        }
      }
    }
  }

  @Test
  void aFailingItemFailsTheStepAndTheTeamGoesOn() {
    try (Team team = new Team(2, "test")) {
      IllegalArgumentException failure = new IllegalArgumentException("item 5");
      assertSame(failure, assertThrows(IllegalArgumentException.class, () -> team.run(10, (member, item) -> {
        if (item == 5) {
          throw failure;
        }
      })));
      AtomicIntegerArray runs = new AtomicIntegerArray(4);
      team.run(4, (member, item) -> runs.incrementAndGet(item));
      for (int item = 0; item < 4; item++) {
        assertEquals(1, runs.get(item));
      }
    }
  }

  @Test
  void closingEndsTheHelpers() throws InterruptedException {
    Team team = new Team(3, "kiln-team-test");
    team.run(6, (member, item) -> { });
    team.close();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("kiln-team-test"))) {
      assertTrue(System.nanoTime() < deadline, "helpers still alive 5 s after close");
      Thread.sleep(10);
    }
  }
}
