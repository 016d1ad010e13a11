package dev.kiln.classic;

import dev.kiln.api.Kind;
import dev.kiln.testkit.ProviderContract;

/** Every model this module publishes keeps the provider contract. */
class ClassicContractTest extends ProviderContract {
  ClassicContractTest() {
    super(Kind.MODEL);
  }
}
