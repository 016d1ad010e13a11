package dev.kiln.api.data;

import static dev.kiln.api.Errors.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Plain values to tensors, and what the errors say about a value that is not one. */
class NestedArraysTest {
  /** An object that is neither a tensor nor numbers, as a model passed where logits belong. */
  record Model() {}

  @Test
  void nestedListsBecomeTensors() {
    assertEquals(Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4.5}}),
        NestedArrays.toTensor(List.of(List.of(1, 2), List.of(3, 4.5)), "x"));
  }

  @Test
  void otherObjectsAreNamedByTheirKind() {
    assertEquals("logits must be a tensor or an array of numbers, got a Model",
        expect(() -> NestedArrays.toTensor(new Model(), "logits")));
    expect(() -> NestedArrays.toTensor(List.of(1, "two"), "x"), "x[1] is 'two', not a number");
  }
}
