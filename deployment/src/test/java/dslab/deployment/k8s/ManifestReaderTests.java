package dslab.deployment.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The reader turns every document into its typed model and rejects what the model does
 * not describe, in Kubernetes resources and Strimzi resources alike.
 */
class ManifestReaderTests {

	private final ManifestReader reader = new ManifestReader();

	@Test
	void readsEveryDocumentOfARenderIntoItsTypedModel() {
		Manifests manifests = Fixtures.valid();

		assertThat(manifests.resources()).hasSize(25).allSatisfy((resource) -> assertThat(resource).isNotNull());
		assertThat(manifests.named(Deployment.class, "order-service")).get()
			.satisfies((deployment) -> assertThat(deployment.getSpec().getTemplate().getSpec().getContainers())
				.singleElement()
				.extracting((container) -> container.getReadinessProbe().getHttpGet().getPath())
				.isEqualTo("/actuator/health/readiness"));
		assertThat(manifests.named(Kafka.class, "dslab")).get()
			.extracting((kafka) -> kafka.getSpec().getKafka().getVersion())
			.isEqualTo("4.2.1");
		assertThat(manifests.all(KafkaTopic.class)).hasSize(6)
			.allSatisfy((topic) -> assertThat(topic.getSpec().getPartitions()).isEqualTo(6));
	}

	@Test
	void rejectsAMisspeltFieldInAKubernetesResource() {
		assertThatExceptionOfType(InvalidManifestException.class).isThrownBy(() -> read("broken/misspelt-field.yaml"))
			.withMessageContaining("apps/v1/Deployment order-service")
			.withMessageContaining("unknown field spec.template.spec.containers[0].readinesProbe");
	}

	@Test
	void rejectsAValueOfTheWrongTypeInAKubernetesResource() {
		assertThatExceptionOfType(InvalidManifestException.class).isThrownBy(() -> read("broken/wrong-type.yaml"))
			.withMessageContaining("apps/v1/Deployment order-service")
			.withMessageContaining("wrong type at spec.template.spec.containers[0].env");
	}

	@Test
	void rejectsAMisspeltFieldInAStrimziResource() {
		assertThatExceptionOfType(InvalidManifestException.class)
			.isThrownBy(() -> read("broken/strimzi-misspelt-field.yaml"))
			.withMessageContaining("kafka.strimzi.io/v1/KafkaTopic order-events")
			.withMessageContaining("unknown field spec.partitons");
	}

	@Test
	void rejectsANumberWrittenAsAStringInAStrimziResource() {
		assertThatExceptionOfType(InvalidManifestException.class)
			.isThrownBy(() -> read("broken/strimzi-wrong-type.yaml"))
			.withMessageContaining("kafka.strimzi.io/v1/KafkaTopic order-events")
			.withMessageContaining("wrong type at spec.partitions");
	}

	@Test
	void rejectsAValueAStrimziModelWouldSilentlyDrop() {
		assertThatExceptionOfType(InvalidManifestException.class)
			.isThrownBy(() -> read("broken/strimzi-unknown-value.yaml"))
			.withMessageContaining("kafka.strimzi.io/v1/KafkaNodePool dual-role")
			.withMessageContaining("the model did not keep the value at spec.roles[1]");
	}

	@Test
	void rejectsAKindItHasNoTypedModelFor() {
		assertThatExceptionOfType(InvalidManifestException.class).isThrownBy(() -> read("broken/unknown-kind.yaml"))
			.withMessageContaining("apps/v1/Deploymnet order-service: no typed model");
	}

	/**
	 * Why the reader exists: fabric8's own deserialization keeps a misspelt field in
	 * {@code additionalProperties} and turns the string "6" into a number, and reports
	 * neither (it does refuse a map where a list belongs).
	 */
	@Test
	void fabric8DeserializationAloneAcceptsAMisspeltFieldAndAQuotedNumber() {
		KubernetesSerialization serialization = new KubernetesSerialization();

		Deployment misspelt = serialization.unmarshal(Fixtures.text("broken/misspelt-field.yaml"), Deployment.class);
		KafkaTopic quoted = serialization.unmarshal(Fixtures.text("broken/strimzi-wrong-type.yaml"), KafkaTopic.class);

		Container container = misspelt.getSpec().getTemplate().getSpec().getContainers().get(0);
		assertThat(container.getReadinessProbe()).isNull();
		assertThat(container.getAdditionalProperties()).containsKey("readinesProbe");
		assertThat(quoted.getSpec().getPartitions()).isEqualTo(6);
	}

	private HasMetadata read(String fixture) {
		return this.reader.read(Fixtures.text(fixture), fixture).resources().get(0);
	}

}
