package dslab.inventoryservice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dslab.contracts.SagaEvent;
import dslab.inventoryservice.stock.LineOutcome;
import dslab.inventoryservice.stock.StockMovement;
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

	/**
	 * The saga's events and the inventory's own: stock movements keyed by SKU and the
	 * line outcomes keyed by order id that split an order by SKU and join it back.
	 */
	@Bean
	EventCatalog inventoryEvents() {
		Map<String, Class<?>> types = new HashMap<>(SagaEvent.TYPES);
		types.putAll(StockMovement.TYPES);
		types.putAll(LineOutcome.TYPES);
		List<String> topics = new ArrayList<>(SagaEvent.TOPICS);
		topics.addAll(List.of(StockMovement.TOPIC, LineOutcome.TOPIC));
		return new EventCatalog(types, SagaEvent.SCHEMA_VERSION, topics);
	}

}
