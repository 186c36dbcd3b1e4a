package dslab.reliability.admin;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Access to a service's {@code /admin/**} endpoints, which only its own port serves (the
 * gateway never routes them).
 *
 * @param token the bearer token a caller must present; override it anywhere but a laptop
 */
@Validated
@ConfigurationProperties("lab.admin")
public record AdminProperties(@DefaultValue("lab-admin-token") @NotBlank String token) {
}
