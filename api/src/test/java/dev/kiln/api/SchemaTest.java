package dev.kiln.api;

import static dev.kiln.api.Errors.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaTest {
  static final Option<Double> LR = Option.real("lr", 0.01, "learning rate").positive();
  static final Option<Integer> EPOCHS = Option.integer("epochs", 10, "passes over the data").min(1);
  static final Option<String> AVERAGE = Option.choice("average", "macro", "averaging", "macro", "micro");
  static final Option<List<Integer>> HIDDEN = Option.integers("hidden", List.of(64, 32), "hidden sizes").min(1);
  static final Option<Integer> K = Option.requiredInteger("k", "number of clusters").min(1);
  static final Schema SCHEMA = Schema.of(LR, EPOCHS, AVERAGE, HIDDEN);

  @Test
  void defaultsAreFilledIn() {
    Params params = SCHEMA.parse(Map.of("epochs", 3));
    assertEquals(0.01, params.get(LR));
    assertEquals(3, params.get(EPOCHS));
    assertEquals("macro", params.get(AVERAGE));
    assertEquals(List.of(64, 32), params.get(HIDDEN));
    assertEquals(new LinkedHashMap<>(Map.of("lr", 0.01, "epochs", 3, "average", "macro", "hidden", List.of(64, 32))),
        params.asMap());
    assertEquals(List.of("lr", "epochs", "average", "hidden"), List.copyOf(params.asMap().keySet()), "schema order");
    assertEquals("{lr=0.01, epochs=3, average=macro, hidden=[64, 32]}", params.toString());
    assertEquals(SCHEMA, params.schema());
    assertEquals(SCHEMA.parse(Map.of()).asMap(), SCHEMA.defaults().asMap());
  }

  @Test
  void aNullValueMeansTheDefault() {
    Map<String, Object> raw = new HashMap<>();
    raw.put("lr", null);
    assertEquals(0.01, SCHEMA.parse(raw).get(LR));
  }

  @Test
  void nullOptionsAreRefusedWithTheFix() {
    KilnException e = assertThrows(KilnException.class, () -> SCHEMA.parse(null));
    assertEquals("options are null: pass a map of option names to values, Map.of() for none", e.getMessage());
  }

  @Test
  void anUnknownOptionSuggestsAndListsTheValidOnes() {
    assertEquals("unknown option 'lrr' (did you mean 'lr'?); valid options: lr, epochs, average, hidden",
        expect(() -> SCHEMA.parse(Map.of("lrr", 0.1))));
    assertEquals("unknown option 'momentum'; valid options: lr, epochs, average, hidden",
        expect(() -> SCHEMA.parse(Map.of("momentum", 0.9))));
    expect(() -> SCHEMA.parse(Map.of("Epochs", 2)), "(did you mean 'epochs'?)");
    assertEquals("unknown option 'lr': this plugin takes no options",
        expect(() -> Schema.empty().parse(Map.of("lr", 0.1))));
  }

  @Test
  void optionsHandledElsewhereAreAcceptedAndListed() {
    Params params = SCHEMA.parse(Map.of("lr", 0.5, "optimizer", new Object()), List.of("optimizer"));
    assertEquals(0.5, params.get(LR));
    assertEquals("unknown option 'optimiser' (did you mean 'optimizer'?); valid options: lr, epochs, average, "
        + "hidden, optimizer", expect(() -> SCHEMA.parse(Map.of("optimiser", 1), List.of("optimizer"))));
  }

  @Test
  void wrongTypesAndRangesAreRejected() {
    expect(() -> SCHEMA.parse(Map.of("lr", "0.1")), "option 'lr' expects a number, got '0.1' (a string)");
    expect(() -> SCHEMA.parse(Map.of("epochs", 1.5)), "option 'epochs' expects an integer, got 1.5");
    expect(() -> SCHEMA.parse(Map.of("lr", -0.5)), "option 'lr' = -0.5 is out of range: must be > 0");
    expect(() -> SCHEMA.parse(Map.of("average", "weighted")), "use one of macro, micro");
    expect(() -> SCHEMA.parse(Map.of("hidden", List.of(8, -1))), "option 'hidden' = [8, -1] is out of range");
    assertEquals(List.of(8, 4), SCHEMA.parse(Map.of("hidden", List.of(8, 4))).get(HIDDEN));
  }

  @Test
  void aRequiredOptionMustBeGiven() {
    Schema schema = Schema.of(K, LR);
    assertEquals("option 'k' is required (number of clusters): pass {k: ...}", expect(() -> schema.parse(Map.of())));
    expect(schema::defaults, "option 'k' is required");
    assertEquals(5, schema.parse(Map.of("k", 5)).get(K));
    expect(() -> schema.parse(Map.of("k", 0)), "option 'k' = 0 is out of range: must be >= 1");
  }

  @Test
  void paramsOnlyAnswerTheirOwnOptions() {
    Params params = SCHEMA.defaults();
    assertThrows(IllegalArgumentException.class, () -> params.get(K));
    Option<Double> lookalike = Option.real("lr", 0.01, "learning rate").positive();
    assertThrows(IllegalArgumentException.class, () -> params.get(lookalike), "options are compared by identity");
  }

  @Test
  void schemasRejectDuplicateNames() {
    assertThrows(IllegalArgumentException.class, () -> Schema.of(LR, Option.real("lr", 1, "again")));
  }

  @Test
  void describeIsAHelpTable() {
    String table = SCHEMA.describe();
    assertEquals(4, table.lines().count());
    assertTrue(table.lines().allMatch(l -> l.startsWith("  ")), table);
    assertTrue(table.contains("learning rate") && table.contains("default [64, 32]"), table);
    assertEquals("  (no options)", Schema.empty().describe());
    assertEquals(List.of(LR, EPOCHS, AVERAGE, HIDDEN), SCHEMA.options());
    assertEquals(List.of(), Schema.empty().options());
  }
}
