package dslab.inventoryservice;

import dslab.contracts.SagaEvent;
import dslab.reliability.envelope.EventCatalog;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Owns the catalogue and the stock of the order saga. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class InventoryServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(InventoryServiceApplication.class, args);
	}

	@Bean
	EventCatalog sagaEvents() {
		return new EventCatalog(SagaEvent.TYPES, SagaEvent.SCHEMA_VERSION, SagaEvent.TOPICS);
	}

}
