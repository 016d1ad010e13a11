package dev.kiln.api.data;

import dev.kiln.api.KilnException;

/** The check on class labels that classifiers, classification metrics and stratified splits share. */
public final class Labels {
  private Labels() {}

  /**
   * Fails unless every value is a finite whole number, as class labels are (scikit-learn likewise refuses
   * targets that look continuous), naming {@code who}, the first offending value, its position, how many there
   * are, and {@code fix}: {@code "knn: label 0.5 at row 2 is not a whole number (1 of 5 values); <fix>"}.
   *
   * @param what what the values are, such as {@code "label"} or {@code "predicted label"}
   */
  public static void requireWhole(String who, String what, double[] values, String fix) {
    int bad = 0;
    int first = -1;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i]) || values[i] != Math.rint(values[i])) {
        bad++;
        first = first < 0 ? i : first;
      }
    }
    if (bad > 0) {
      throw new KilnException(who + ": " + what + " " + values[first] + " at row " + first + " is not a whole number ("
          + bad + " of " + values.length + " values); " + fix);
    }
  }
}
