package dev.kiln.decoding;

import dev.kiln.api.Kind;
import dev.kiln.testkit.ProviderContract;

/** Every decoder this module publishes keeps the provider contract. */
class DecodingContractTest extends ProviderContract {
  DecodingContractTest() {
    super(Kind.DECODER);
  }
}
