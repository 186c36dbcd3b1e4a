package dslab.gateway;

import java.net.URI;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where each service listens: static URIs, because Compose or Kubernetes DNS does the
 * discovery.
 *
 * @param orderService base URI of order-service
 * @param paymentService base URI of payment-service
 * @param inventoryService base URI of inventory-service
 */
@Validated
@ConfigurationProperties("lab.gateway")
record Backends(@DefaultValue("http://localhost:8081") @NotNull URI orderService,
		@DefaultValue("http://localhost:8082") @NotNull URI paymentService,
		@DefaultValue("http://localhost:8083") @NotNull URI inventoryService) {
}
