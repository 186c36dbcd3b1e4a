package dslab.reliability.idempotency;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The response a request with a key produced, as stored to be replayed exactly.
 *
 * @param status the HTTP status
 * @param contentType the media type of the body
 * @param location the {@code Location} header, or {@code null}
 * @param body the body as sent
 */
record StoredResponse(int status, String contentType, String location, String body) {

	ResponseEntity<String> toResponse(boolean replayed) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(this.status)
			.contentType(MediaType.parseMediaType(this.contentType));
		if (this.location != null) {
			response.header(HttpHeaders.LOCATION, this.location);
		}
		if (replayed) {
			response.header(IdempotentRequests.REPLAYED_HEADER, "true");
		}
		return response.body(this.body);
	}

}
