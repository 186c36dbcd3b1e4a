package dslab.inventoryservice.stock;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * The SKU owners' listener container: Spring Boot's, the same error handler and
 * interceptors, but handing the listener a poll's records at once, so that a hot SKU's
 * movements can share one transaction ({@link StockMovementBatches}).
 */
@Configuration(proxyBeanMethods = false)
class StockMovementsConsumer {

	static final String CONTAINER_FACTORY = "stockMovementsContainerFactory";

	@Bean(CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> stockMovementsContainerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumers);
		factory.setBatchListener(true);
		// One commit per poll: the batch's events share one transaction, so they are
		// handled, and redelivered, together.
		factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
		return factory;
	}

}
