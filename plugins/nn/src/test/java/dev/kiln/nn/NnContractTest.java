package dev.kiln.nn;

import dev.kiln.api.Kind;
import dev.kiln.testkit.ProviderContract;

/** Every model this module publishes keeps the provider contract. */
class NnContractTest extends ProviderContract {
  NnContractTest() {
    super(Kind.MODEL);
  }
}
