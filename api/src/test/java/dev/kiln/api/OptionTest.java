package dev.kiln.api;

import static dev.kiln.api.Errors.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionTest {
  static final Option<Double> LR = Option.real("lr", 0.01, "learning rate").positive();
  static final Option<Integer> EPOCHS = Option.integer("epochs", 10, "passes over the data").min(1);
  static final Option<Double> DROPOUT = Option.real("dropout", 0.5, "drop probability").min(0).max(1);
  static final Option<Boolean> NESTEROV = Option.flag("nesterov", false, "Nesterov momentum");
  static final Option<String> AVERAGE = Option.choice("average", null, "averaging", "macro", "micro", "weighted");
  static final Option<List<Integer>> HIDDEN = Option.integers("hidden", List.of(64), "hidden sizes").min(1);

  @Test
  void realsAcceptAnyNumber() {
    assertEquals(0.5, LR.convert(0.5));
    assertEquals(2.0, LR.convert(2));
    assertEquals(3.0, LR.convert(3L));
    assertEquals(0.25, LR.convert(0.25f));
  }

  @Test
  void aStringForANumberIsTheWrongType() {
    assertEquals("option 'lr' expects a number, got 'fast' (a string)", expect(() -> LR.convert("fast")));
    expect(() -> LR.convert(true), "option 'lr' expects a number, got true (boolean)");
    expect(() -> LR.convert(null), "option 'lr' expects a number, got null");
  }

  @Test
  void integersRejectFractions() {
    assertEquals(3, EPOCHS.convert(3));
    assertEquals(3, EPOCHS.convert(3.0), "JavaScript numbers arrive as doubles");
    assertEquals("option 'epochs' expects an integer, got 1.5 (double)", expect(() -> EPOCHS.convert(1.5)));
    assertEquals("option 'epochs' = 1.0E12 is beyond the integers an option holds, -2147483648 to 2147483647",
        expect(() -> EPOCHS.convert(1e12)));
    expect(() -> EPOCHS.convert(-1e12), "option 'epochs' = -1.0E12 is beyond the integers");
    assertEquals("option 'epochs' = -Infinity is not a finite number: give a finite number >= 1",
        expect(() -> EPOCHS.convert(Double.NEGATIVE_INFINITY)));
    assertEquals(Integer.MIN_VALUE, Option.integer("i", 0, "i").convert((double) Integer.MIN_VALUE));
    expect(() -> EPOCHS.convert(Double.NaN), "option 'epochs' = NaN is not a finite number");
    expect(() -> EPOCHS.convert("10"), "expects an integer, got '10' (a string)");
  }

  @Test
  void outOfRangeNamesTheRange() {
    assertEquals("option 'lr' = -0.1 is out of range: must be > 0", expect(() -> LR.convert(-0.1)));
    expect(() -> LR.convert(0), "option 'lr' = 0.0 is out of range: must be > 0");
    assertEquals("option 'lr' = NaN is not a finite number: give a finite number > 0",
        expect(() -> LR.convert(Double.NaN)));
    expect(() -> LR.convert(Double.POSITIVE_INFINITY), "option 'lr' = Infinity is not a finite number");
    expect(() -> Option.real("x", 1, "x").convert(Double.NEGATIVE_INFINITY),
        "option 'x' = -Infinity is not a finite number: give a finite number");
    assertEquals("option 'epochs' = 0 is out of range: must be >= 1", expect(() -> EPOCHS.convert(0)));
    expect(() -> DROPOUT.convert(1.5), "option 'dropout' = 1.5 is out of range: must be in [0, 1]");
    assertEquals(1.0, DROPOUT.convert(1));
    assertEquals(0.0, DROPOUT.convert(0));
    expect(() -> Option.real("x", 1, "x").max(2).convert(3), "must be <= 2");
    expect(() -> Option.real("x", 1, "x").below(2).convert(2), "must be < 2");
    assertEquals(1.5, Option.real("x", 1, "x").below(2).convert(1.5));
  }

  @Test
  void rangesInWords() {
    assertEquals("> 0", LR.range());
    assertEquals(">= 1", EPOCHS.range());
    assertEquals("in [0, 1]", DROPOUT.range());
    assertEquals("in (0, 1]", Option.real("p", 1, "p").positive().max(1).range());
    assertEquals("in [0, 1)", Option.real("p", 0, "p").min(0).below(1).range());
    assertEquals("< 1", Option.real("p", 0, "p").below(1).range());
    assertEquals(">= 0.5", Option.real("p", 1, "p").min(0.5).range());
    assertEquals("", Option.real("p", 1, "p").range());
    assertEquals("macro | micro | weighted", AVERAGE.range());
  }

  @Test
  void flagsAndText() {
    assertEquals(true, NESTEROV.convert(true));
    expect(() -> NESTEROV.convert("true"), "option 'nesterov' expects a boolean, got 'true' (a string)");
    Option<String> name = Option.text("tokenizer", "13a", "tokenizer");
    assertEquals("intl", name.convert(new StringBuilder("intl")));
    expect(() -> name.convert(13), "option 'tokenizer' expects a string, got 13 (integer)");
  }

  @Test
  void choicesSuggestTheClosest() {
    assertEquals("micro", AVERAGE.convert("micro"));
    assertEquals("option 'average' = 'macr' is not valid: use one of macro, micro, weighted (did you mean 'macro'?)",
        expect(() -> AVERAGE.convert("macr")));
    expect(() -> AVERAGE.convert("binary"), "is not valid: use one of macro, micro, weighted");
    expect(() -> AVERAGE.convert(1), "option 'average' expects one of macro, micro, weighted, got 1 (integer)");
    assertTrue(AVERAGE.required());
    assertThrows(IllegalArgumentException.class, () -> Option.choice("a", "x", "doc", "y", "z"));
  }

  @Test
  void integerLists() {
    assertEquals(List.of(32, 16), HIDDEN.convert(List.of(32, 16)));
    assertEquals(List.of(32, 16), HIDDEN.convert(List.of(32.0, 16.0)), "JS arrays of doubles");
    assertEquals(List.of(8), HIDDEN.convert(new int[] {8}));
    List<Integer> mutable = new ArrayList<>(List.of(4));
    List<Integer> converted = HIDDEN.convert(mutable);
    mutable.set(0, 5);
    assertEquals(List.of(4), converted, "a copy");
    assertThrows(UnsupportedOperationException.class, () -> converted.add(1));
    expect(() -> HIDDEN.convert(List.of(32, 1.5)), "option 'hidden' expects a list of integers, got 1.5 (double)");
    expect(() -> HIDDEN.convert(List.of(32, 0)), "option 'hidden' = [32, 0] is out of range: must be >= 1");
    expect(() -> HIDDEN.convert("32,16"), "expects a list of integers");
    assertEquals(List.of(), HIDDEN.convert(List.of()));
  }

  @Test
  void requiredOptions() {
    Option<Integer> k = Option.requiredInteger("k", "number of clusters");
    assertTrue(k.required());
    assertEquals(null, k.defaultValue());
    assertFalse(LR.required());
    expect(() -> k.check(null), "option 'k' is required: number of clusters");
    assertEquals(3, k.convert(3));
  }

  @Test
  void builderMethodsReturnCopies() {
    Option<Double> base = Option.real("lr", 0.01, "learning rate");
    Option<Double> positive = base.positive();
    assertEquals(-1.0, base.convert(-1));
    expect(() -> positive.convert(-1), "out of range");
    assertEquals(0.01, positive.defaultValue());
    assertEquals("learning rate", positive.doc());
    assertEquals(Option.Type.REAL, positive.type());
    assertEquals("lr", positive.toString());
  }

  @Test
  void namesAreLowerCamelCase() {
    assertThrows(IllegalArgumentException.class, () -> Option.real("Learning-rate", 1, "x"));
    assertThrows(IllegalArgumentException.class, () -> Option.real("zero_division", 1, "x"));
    assertEquals("zeroDivision", Option.real("zeroDivision", 1, "x").name());
    assertThrows(NullPointerException.class, () -> Option.real("x", 1, null));
  }

  @Test
  void describeIsOneTableLine() {
    String line = LR.describe();
    assertTrue(line.startsWith("lr "), line);
    assertTrue(line.contains("number > 0") && line.contains("default 0.01") && line.endsWith("learning rate"), line);
    String choice = AVERAGE.describe();
    assertTrue(choice.contains("macro | micro | weighted") && choice.contains("required"), choice);
    assertTrue(HIDDEN.describe().contains("list of integers >= 1") && HIDDEN.describe().contains("default [64]"),
        HIDDEN.describe());
  }
}
