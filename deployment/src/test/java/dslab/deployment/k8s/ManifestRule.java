package dslab.deployment.k8s;

import java.util.List;

/**
 * A family of rules the typed models cannot express. Each names what it found wrong, one
 * sentence per problem, starting with the resource ("Deployment gateway: ...").
 */
interface ManifestRule {

	List<String> check(Manifests manifests, Contract contract);

	/** Every rule this build holds the manifests to. */
	static List<ManifestRule> all() {
		return List.of(new WorkloadRules(), new AutoscalingRules(), new KafkaRules(), new ExposureRules(),
				new SecretRules(), new ReferenceRules());
	}

	/** What all rules find wrong with these manifests. */
	static List<String> violations(Manifests manifests, Contract contract) {
		return all().stream().flatMap((rule) -> rule.check(manifests, contract).stream()).toList();
	}

}
