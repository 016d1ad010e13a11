package dev.kiln.optim;

import dev.kiln.api.Kind;
import dev.kiln.testkit.ProviderContract;

/** Every optimizer this module publishes keeps the provider contract. */
class OptimContractTest extends ProviderContract {
  OptimContractTest() {
    super(Kind.OPTIMIZER);
  }
}
