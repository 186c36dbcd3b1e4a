package dslab.gateway.shedding;

import java.util.Arrays;
import java.util.Locale;

/** How the gateway limits the requests it has in flight. */
public enum Mode {

	/** No limit: every request is forwarded, however many are waiting. */
	OFF,

	/** A fixed limit ({@code lab.gateway.shedding.static-limit}). */
	STATIC,

	/** Netflix Gradient2: the limit follows the latency the backends show. */
	ADAPTIVE;

	static Mode parse(String name) {
		return Arrays.stream(values())
			.filter((mode) -> mode.name().equalsIgnoreCase(name.strip()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"mode must be one of off, static, adaptive; was '" + name + "'"));
	}

	String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
