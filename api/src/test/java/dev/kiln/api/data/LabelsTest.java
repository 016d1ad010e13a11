package dev.kiln.api.data;

import static dev.kiln.api.Errors.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The class-label check: whole, finite numbers pass; the first other value is named with the count. */
class LabelsTest {
  @Test
  void wholeNumbersPassAndOthersAreNamed() {
    Labels.requireWhole("m", "label", new double[] {0, 1, -3, 7, -0.0, 2e9}, "fix");
    assertEquals("m: label 0.5 at row 1 is not a whole number (3 of 4 values); fix",
        expect(() -> Labels.requireWhole("m", "label", new double[] {2, 0.5, Double.NaN, Double.NEGATIVE_INFINITY},
            "fix")));
  }
}
