package dev.kiln.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamesTest {
  private static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "adam", "adamw", "rmsprop", "adagrad");

  @Test
  void closestFindsTyposWithinTheDistance() {
    assertEquals(Optional.of("lr"), Names.closest("lrr", List.of("lr", "epochs")));
    assertEquals(Optional.of("adam"), Names.closest("adma", OPTIMIZERS));
    assertEquals(Optional.of("rmsprop"), Names.closest("rmsporp", OPTIMIZERS));
    assertEquals(Optional.of("momentum"), Names.closest("momentun", OPTIMIZERS));
    assertEquals(Optional.of("sgd"), Names.closest("SGD", OPTIMIZERS), "case-insensitive");
    assertEquals(Optional.empty(), Names.closest("transformer", OPTIMIZERS));
    assertEquals(Optional.empty(), Names.closest("x", List.of()));
  }

  @Test
  void anAbbreviationOfOneCandidateSuggestsIt() {
    List<String> commands = List.of(":help", ":plugins", ":load", ":reload", ":trace", ":quit");
    assertEquals(Optional.of(":reload"), Names.closest(":rel", commands));
    assertEquals(Optional.of("logistic-regression"), Names.closest("logistic", List.of("linear-regression",
        "logistic-regression")));
    assertEquals(Optional.empty(), Names.closest("x", List.of("xylophone")), "a one-letter start is no abbreviation");
  }

  @Test
  void tiesGoToTheAlphabeticallyFirst() {
    assertEquals(Optional.of("adam"), Names.closest("adamx", List.of("adamw", "adam")));
    assertEquals(Optional.of("ab"), Names.closest("a", List.of("ac", "ab")));
  }

  @Test
  void theDistanceAllowedGrowsWithTheLength() {
    assertEquals(Optional.of("ab"), Names.closest("xy", List.of("ab")), "two edits are always allowed");
    assertEquals(Optional.empty(), Names.closest("xyz", List.of("abc")));
    assertEquals(Optional.of("precision-at-k"), Names.closest("precision@k", List.of("precision-at-k")));
  }

  @Test
  void editDistanceCountsASwapOfNeighboursAsOneEdit() {
    assertEquals(3, Names.distance("kitten", "sitting"));
    assertEquals(0, Names.distance("", ""));
    assertEquals(4, Names.distance("", "adam"));
    assertEquals(1, Names.distance("adam", "adamw"));
    assertEquals(1, Names.distance("adma", "adam"));
    assertEquals(1, Names.distance("sdg", "sgd"));
    assertEquals(2, Names.distance("sdg", "ndcg"));
    assertEquals(Optional.of("sgd"), Names.closest("sdg", List.of("ndcg", "sgd")));
  }

  @Test
  void suggestionsAndLists() {
    assertEquals(" (did you mean 'adam'?)", Names.suggestion("adma", OPTIMIZERS));
    assertEquals("", Names.suggestion("zzzzzz", OPTIMIZERS));
    assertEquals("adagrad, adam, adamw, momentum, rmsprop, sgd", Names.list(OPTIMIZERS));
    assertEquals("", Names.list(List.of()));
  }
}
