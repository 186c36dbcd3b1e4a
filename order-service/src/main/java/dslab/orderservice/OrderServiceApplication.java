package dslab.orderservice;

import dslab.contracts.InventoryEvent;
import dslab.contracts.OrderEvent;
import dslab.contracts.PaymentEvent;
import dslab.contracts.SagaEvent;
import dslab.reliability.envelope.EventTypes;
import dslab.reliability.kafka.TopicDeclarations;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** Takes orders and follows each one through the saga. */
@SpringBootApplication
public class OrderServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(OrderServiceApplication.class, args);
	}

	@Bean
	EventTypes eventTypes() {
		return new EventTypes(SagaEvent.TYPES, SagaEvent.SCHEMA_VERSION);
	}

	@Bean
	KafkaAdmin.NewTopics sagaTopics(TopicDeclarations topics) {
		return topics.declare(OrderEvent.TOPIC, InventoryEvent.TOPIC, PaymentEvent.TOPIC);
	}

}
