package dslab.reliability;

import java.util.Map;

import dslab.reliability.admin.AdminProperties;
import dslab.reliability.admin.AdminTokenFilter;
import dslab.reliability.envelope.EnvelopeCodec;
import dslab.reliability.envelope.EventCatalog;
import dslab.reliability.inbox.Inbox;
import dslab.reliability.kafka.ConsumerErrorHandling;
import dslab.reliability.kafka.KafkaHealthIndicator;
import dslab.reliability.kafka.MessagingProperties;
import dslab.reliability.kafka.TopicDeclarations;
import dslab.reliability.outbox.Outbox;
import dslab.reliability.outbox.OutboxRelay;
import dslab.reliability.web.ProblemDetailsAdvice;
import dslab.reliability.web.RequestIdFilter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the shared mechanisms into a service that declares an {@link EventCatalog} bean:
 * envelope codec, outbox and relay, inbox, topic declarations, consumer error handling,
 * Kafka health, and the delivery settings every producer and consumer must have.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@EnableConfigurationProperties({ MessagingProperties.class, AdminProperties.class })
public class ReliabilityAutoConfiguration {

	@Bean
	EnvelopeCodec envelopeCodec(JsonMapper json, EventCatalog catalog, Environment environment) {
		return new EnvelopeCodec(json, catalog, environment.getRequiredProperty("spring.application.name"));
	}

	@Bean
	OutboxRelay outboxRelay(JdbcClient jdbc, KafkaTemplate<String, String> kafka, MessagingProperties properties,
			MeterRegistry meters) {
		return new OutboxRelay(jdbc, kafka, properties.outbox(), meters);
	}

	@Bean
	Outbox outbox(JdbcClient jdbc, EnvelopeCodec codec, OutboxRelay relay, MeterRegistry meters) {
		Outbox outbox = new Outbox(jdbc, codec, relay);
		Gauge.builder("lab.outbox.backlog", outbox, Outbox::backlog)
			.description("Events written to the outbox and not yet published")
			.register(meters);
		return outbox;
	}

	@Bean
	Inbox inbox(JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters) {
		return new Inbox(jdbc, transactions, meters);
	}

	@Bean
	TopicDeclarations topicDeclarations(MessagingProperties properties) {
		return new TopicDeclarations(properties);
	}

	@Bean
	KafkaAdmin.NewTopics catalogTopics(TopicDeclarations declarations, EventCatalog catalog) {
		return declarations.declare(catalog.topics().toArray(String[]::new));
	}

	@Bean
	DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, String> kafka, MessagingProperties properties) {
		return ConsumerErrorHandling.errorHandler(kafka, properties.retry());
	}

	@Bean
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
		return new KafkaHealthIndicator(kafkaAdmin);
	}

	/** Producers wait for all in-sync replicas and never write a retried record twice. */
	@Bean
	DefaultKafkaProducerFactoryCustomizer reliableProducer() {
		return (factory) -> factory
			.updateConfigs(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
	}

	/**
	 * Consumers start from the beginning of a topic they have never read, and commit
	 * offsets only after the listener returned (after its database transaction
	 * committed): at least once.
	 */
	@Bean
	DefaultKafkaConsumerFactoryCustomizer atLeastOnceConsumer() {
		return (factory) -> factory.updateConfigs(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class WebConfiguration {

		@Bean
		ProblemDetailsAdvice problemDetailsAdvice() {
			return new ProblemDetailsAdvice();
		}

		@Bean
		FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(AdminProperties properties) {
			FilterRegistrationBean<AdminTokenFilter> registration = new FilterRegistrationBean<>(
					new AdminTokenFilter(properties));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
			return registration;
		}

		@Bean
		FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
			FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

}
