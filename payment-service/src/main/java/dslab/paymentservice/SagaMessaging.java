package dslab.paymentservice;

import dslab.contracts.InventoryEvent;
import dslab.contracts.OrderEvent;
import dslab.contracts.PaymentEvent;
import dslab.contracts.SagaEvent;
import dslab.reliability.envelope.EventTypes;
import dslab.reliability.kafka.TopicDeclarations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The saga events this service reads and writes, and the saga topics it makes sure exist.
 */
@Configuration(proxyBeanMethods = false)
class SagaMessaging {

	@Bean
	EventTypes eventTypes() {
		return new EventTypes(SagaEvent.TYPES, SagaEvent.SCHEMA_VERSION);
	}

	@Bean
	KafkaAdmin.NewTopics sagaTopics(TopicDeclarations topics) {
		return topics.declare(OrderEvent.TOPIC, InventoryEvent.TOPIC, PaymentEvent.TOPIC);
	}

}
