package dslab.gateway;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every path the gateway forwards, each to the service that owns it; a service's
 * {@code /admin/**} and {@code /actuator/**} have no route, so they are only reachable on
 * the service's own port.
 */
@Configuration(proxyBeanMethods = false)
class Routes {

	@Bean
	RouteLocator apiRoutes(RouteLocatorBuilder routes, Backends backends) {
		return routes.routes()
			.route("order-service", (route) -> route.path("/api/orders", "/api/orders/**").uri(backends.orderService()))
			.route("payment-service",
					(route) -> route.path("/api/payments", "/api/payments/**").uri(backends.paymentService()))
			.route("inventory-service",
					(route) -> route.path("/api/stock", "/api/stock/**").uri(backends.inventoryService()))
			.build();
	}

}
