package dslab.orderservice;

import dslab.contracts.SagaEvent;
import dslab.reliability.envelope.EventCatalog;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Takes orders and follows each one through the saga. */
@SpringBootApplication
public class OrderServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(OrderServiceApplication.class, args);
	}

	@Bean
	EventCatalog sagaEvents() {
		return new EventCatalog(SagaEvent.TYPES, SagaEvent.SCHEMA_VERSION, SagaEvent.TOPICS);
	}

}
