package dslab.paymentservice;

import dslab.contracts.SagaEvent;
import dslab.reliability.envelope.EventCatalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The saga events this service reads and writes, and the saga topics it makes sure exist.
 */
@Configuration(proxyBeanMethods = false)
class SagaMessaging {

	@Bean
	EventCatalog sagaEvents() {
		return new EventCatalog(SagaEvent.TYPES, SagaEvent.SCHEMA_VERSION, SagaEvent.TOPICS);
	}

}
