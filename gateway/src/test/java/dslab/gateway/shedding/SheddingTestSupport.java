package dslab.gateway.shedding;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import dslab.gateway.BackendStub;
import dslab.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway with a static limit of 10 (reads keep 5 slots, writes 4, batch 1 once it is
 * reached) and a backend timeout long enough to hold requests in flight on purpose.
 */
@TestPropertySource(properties = { "lab.gateway.shedding.mode=static", "lab.gateway.shedding.static-limit=10",
		"spring.cloud.gateway.server.webflux.httpclient.response-timeout=20s" })
abstract class SheddingTestSupport extends GatewayTestSupport {

	static final Duration BOUND = Duration.ofSeconds(10);

	@Autowired
	AdmissionControl admission;

	@Autowired
	ClientRateLimits clientLimits;

	@Autowired
	MeterRegistry registry;

	private final List<Disposable> pending = new CopyOnWriteArrayList<>();

	@BeforeEach
	void startFromAnIdleStaticLimit() {
		this.admission.change(Mode.STATIC, 10);
		this.clientLimits.changeLimit(500);
		// The previous test's held requests end once its backends are released.
		await().atMost(BOUND).until(() -> inFlight() == 0);
	}

	@AfterEach
	void forgetPendingRequests() {
		this.pending.forEach(Disposable::dispose);
		this.pending.clear();
	}

	/**
	 * Sends requests to a backend that holds them, and waits until all have reached it:
	 * they are then in flight at the gateway.
	 */
	void holdInFlight(BackendStub backend, int count, Function<WebClient, WebClient.RequestHeadersSpec<?>> request) {
		int before = backend.received().size();
		WebClient webClient = WebClient.create("http://localhost:" + this.port);
		for (int i = 0; i < count; i++) {
			this.pending.add(request.apply(webClient)
				.retrieve()
				.toBodilessEntity()
				.onErrorResume((ex) -> Mono.empty())
				.subscribe());
		}
		await().atMost(BOUND).untilAsserted(() -> assertThat(backend.received()).hasSize(before + count));
	}

	double inFlight() {
		return this.registry.get("lab.gateway.in.flight").gauge().value();
	}

	double rejections(String reason, String priority) {
		return this.registry.get("lab.gateway.rejections")
			.tag("reason", reason)
			.tag("priority", priority)
			.counter()
			.count();
	}

}
