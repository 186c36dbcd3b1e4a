package dslab.deployment.k8s;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

/**
 * Reads rendered manifests into the typed Kubernetes (fabric8) and Strimzi models, and
 * refuses what the API server or the operator would refuse or silently drop: a field the
 * model does not have, a value of the wrong type, a kind it has no model for.
 * <p>
 * Both model families keep unknown fields in an {@code additionalProperties} map through
 * {@code @JsonAnySetter}, so {@code FAIL_ON_UNKNOWN_PROPERTIES} alone never fires; this
 * reader builds every bean deserializer without its any-setter, which makes an unknown
 * field an error again. fabric8's own {@code KubernetesSerialization} is not used: it
 * also moves a value of the wrong type into that map instead of failing. Scalars are not
 * coerced either ({@code "6"} is no integer, {@code 6} no string), as in the Kubernetes
 * API.
 */
final class ManifestReader {

	private static final Map<String, Class<? extends HasMetadata>> MODELS = Stream
		.of(Namespace.class, ConfigMap.class, Secret.class, Service.class, ServiceAccount.class, Deployment.class,
				StatefulSet.class, PodDisruptionBudget.class, HorizontalPodAutoscaler.class, Ingress.class,
				NetworkPolicy.class, Kafka.class, KafkaNodePool.class, KafkaTopic.class)
		.collect(Collectors.toUnmodifiableMap(ManifestReader::typeOf, (model) -> model));

	private final ObjectMapper mapper = strictMapper();

	/** The documents of this YAML stream, each read into its typed model. */
	Manifests read(String yaml, String source) {
		return new Manifests(source, readTrees(yaml, source).stream().map((tree) -> read(tree, source)).toList());
	}

	/** The documents of this YAML stream as trees, before they are typed. */
	List<JsonNode> readTrees(String yaml, String source) {
		List<JsonNode> documents = new ArrayList<>();
		try (JsonParser parser = this.mapper.createParser(yaml)) {
			this.mapper.readValues(parser, JsonNode.class).forEachRemaining((document) -> {
				if (document != null && !document.isNull() && !document.isEmpty()) {
					documents.add(document);
				}
			});
		}
		catch (IOException ex) {
			throw new InvalidManifestException(source + ": not YAML: " + ex.getMessage(), ex);
		}
		return documents;
	}

	HasMetadata read(JsonNode document, String source) {
		String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
		String what = source + ": " + type + " " + document.path("metadata").path("name").asText("(no name)");
		Class<? extends HasMetadata> model = MODELS.get(type);
		if (model == null) {
			throw new InvalidManifestException(what + ": no typed model for this apiVersion and kind (known: "
					+ MODELS.keySet().stream().sorted().toList() + ")", null);
		}
		try {
			HasMetadata resource = this.mapper.treeToValue(document, model);
			lost(document, this.mapper.valueToTree(resource), "").ifPresent((path) -> {
				throw new InvalidManifestException(
						what + ": the model did not keep the value at " + path + " (not one of the values it knows?)",
						null);
			});
			return resource;
		}
		catch (UnrecognizedPropertyException ex) {
			throw new InvalidManifestException(what + ": unknown field " + path(ex) + " (" + model.getSimpleName()
					+ " has no such field; misspelt or misplaced?)", ex);
		}
		catch (JsonMappingException ex) {
			throw new InvalidManifestException(what + ": wrong type at " + path(ex) + ": " + firstLine(ex), ex);
		}
		catch (JsonProcessingException ex) {
			throw new InvalidManifestException(what + ": " + firstLine(ex), ex);
		}
	}

	/**
	 * The first place where what the model writes back differs from what it read. Some
	 * models take an unknown value without an error (Strimzi's enums read "brokr" as
	 * null); this finds it. Defaults the model adds are no loss, nor an empty object or
	 * list the model leaves out.
	 */
	private static Optional<String> lost(JsonNode read, JsonNode written, String path) {
		if (read.isObject()) {
			if (read.isEmpty() && (written == null || written.isNull() || written.isEmpty())) {
				return Optional.empty();
			}
			if (written == null || !written.isObject()) {
				return Optional.of(path);
			}
			for (Map.Entry<String, JsonNode> field : read.properties()) {
				String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
				Optional<String> lost = lost(field.getValue(), written.get(field.getKey()), fieldPath);
				if (lost.isPresent()) {
					return lost;
				}
			}
			return Optional.empty();
		}
		if (read.isArray()) {
			if (read.isEmpty() && (written == null || written.isNull() || written.isEmpty())) {
				return Optional.empty();
			}
			if (written == null || !written.isArray() || written.size() != read.size()) {
				return Optional.of(path);
			}
			for (int i = 0; i < read.size(); i++) {
				Optional<String> lost = lost(read.get(i), written.get(i), path + "[" + i + "]");
				if (lost.isPresent()) {
					return lost;
				}
			}
			return Optional.empty();
		}
		boolean omittedDefault = (written == null || written.isNull())
				&& ((read.isBoolean() && !read.booleanValue()) || (read.isNumber() && read.doubleValue() == 0));
		if (read.isNull() || omittedDefault) {
			return Optional.empty();
		}
		return (written != null && written.isValueNode() && read.asText().equals(written.asText())) ? Optional.empty()
				: Optional.of(path);
	}

	private static String typeOf(Class<? extends HasMetadata> model) {
		return HasMetadata.getApiVersion(model) + "/" + HasMetadata.getKind(model);
	}

	private static String path(JsonMappingException ex) {
		StringBuilder path = new StringBuilder();
		for (JsonMappingException.Reference reference : ex.getPath()) {
			if (reference.getFieldName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "(document)" : path.toString();
	}

	private static String firstLine(JsonProcessingException ex) {
		return ex.getOriginalMessage().lines().findFirst().orElse("").strip();
	}

	private static ObjectMapper strictMapper() {
		ObjectMapper mapper = YAMLMapper.builder()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
			.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.addModule(new SimpleModule("no-any-setter").setDeserializerModifier(new WithoutAnySetter()))
			.build();
		for (CoercionInputShape scalar : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
				CoercionInputShape.Boolean)) {
			mapper.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
		}
		return mapper;
	}

	/** Drops the any-setter that would take every field the model does not declare. */
	private static final class WithoutAnySetter extends BeanDeserializerModifier {

		@Override
		public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
				BeanDeserializerBuilder builder) {
			builder.setAnySetter(null);
			return builder;
		}

	}

}
