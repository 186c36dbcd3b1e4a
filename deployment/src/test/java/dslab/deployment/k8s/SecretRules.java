package dslab.deployment.k8s;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * No real credential is committed: every Secret value is a placeholder starting with
 * {@value #PLACEHOLDER} (user names excepted, they are no secret), and no credential sits
 * in a ConfigMap or a literal environment variable where a Secret belongs.
 */
final class SecretRules implements ManifestRule {

	static final String PLACEHOLDER = "change-me";

	private static final Pattern USER_NAME = Pattern.compile("(?i).*(^|_)(user|username)$");

	private static final Pattern CREDENTIAL = Pattern
		.compile("(?i).*(password|passwd|token|secret|credential|" + "private_?key|api_?key).*");

	@Override
	public List<String> check(Manifests manifests, Contract contract) {
		List<String> findings = new ArrayList<>();
		for (Secret secret : manifests.all(Secret.class)) {
			for (Map.Entry<String, String> entry : values(secret).entrySet()) {
				if (!USER_NAME.matcher(entry.getKey()).matches() && !entry.getValue().startsWith(PLACEHOLDER)) {
					findings.add(Manifests.describe(secret) + ": " + entry.getKey()
							+ " holds a real-looking value; commit placeholders (" + PLACEHOLDER
							+ ") only and take real credentials from a secret store");
				}
			}
		}
		for (ConfigMap configMap : manifests.all(ConfigMap.class)) {
			for (String key : Objects.requireNonNullElse(configMap.getData(), Map.<String, String>of()).keySet()) {
				if (CREDENTIAL.matcher(key).matches()) {
					findings
						.add(Manifests.describe(configMap) + ": " + key + " is a credential; it belongs in a Secret");
				}
			}
		}
		for (Manifests.Workload workload : manifests.workloads()) {
			for (Container container : workload.containers()) {
				for (EnvVar variable : container.getEnv()) {
					if (variable.getValue() != null && CREDENTIAL.matcher(variable.getName()).matches()) {
						findings.add(workload.describe() + ": container " + container.getName() + " sets "
								+ variable.getName() + " literally; take it from a Secret (secretKeyRef)");
					}
				}
			}
		}
		return findings;
	}

	private static Map<String, String> values(Secret secret) {
		Map<String, String> values = new LinkedHashMap<>();
		Objects.requireNonNullElse(secret.getData(), Map.<String, String>of())
			.forEach((key, value) -> values.put(key, decode(value)));
		values.putAll(Objects.requireNonNullElse(secret.getStringData(), Map.of()));
		return values;
	}

	private static String decode(String value) {
		try {
			return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// The API server refuses it anyway; reported like a value, without echoing
			// it.
			return "(not base64)";
		}
	}

}
