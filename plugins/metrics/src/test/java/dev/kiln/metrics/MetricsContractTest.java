package dev.kiln.metrics;

import dev.kiln.api.Kind;
import dev.kiln.testkit.ProviderContract;

/** Every metric this module publishes keeps the provider contract. */
class MetricsContractTest extends ProviderContract {
  MetricsContractTest() {
    super(Kind.METRIC);
  }
}
