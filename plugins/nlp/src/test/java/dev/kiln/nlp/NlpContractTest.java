package dev.kiln.nlp;

import dev.kiln.api.Kind;
import dev.kiln.testkit.ProviderContract;

/** Every model this module publishes keeps the provider contract. */
class NlpContractTest extends ProviderContract {
  NlpContractTest() {
    super(Kind.MODEL);
  }
}
