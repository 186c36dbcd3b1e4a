package dslab.gateway.shedding;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The token every service's admin endpoints ask for, here for the gateway's control port.
 *
 * @param token what {@code Authorization: Bearer} must carry
 */
@Validated
@ConfigurationProperties("lab.admin")
record AdminToken(@DefaultValue("lab-admin-token") @NotBlank String token) {
}
