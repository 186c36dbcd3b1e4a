package dslab.provider;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A simulated external payment provider: the bank the lab does not own, reached over HTTP
 * only.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PaymentProviderApplication {

	public static void main(String[] args) {
		SpringApplication.run(PaymentProviderApplication.class, args);
	}

}
