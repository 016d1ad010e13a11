package dev.kiln.nlp;

import dev.kiln.api.ModelProvider;
import dev.kiln.api.data.Dataset;
import dev.kiln.testkit.ModelFileContract;

/** Every model this module publishes survives a save and a load unchanged. */
class NlpModelFileTest extends ModelFileContract {
  @Override
  protected Dataset sample(ModelProvider provider) {
    return Dataset.nextToken(new int[] {0, 1, 2, 0, 2, 1, 1, 0, 3, 2, 0, 1});
  }
}
