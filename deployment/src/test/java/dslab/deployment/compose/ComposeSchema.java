package dslab.deployment.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Compose specification's JSON schema as docker-compose 1.29 ships it (vendored in
 * {@code compose/compose_spec.json}, source and version in {@code compose/NOTE.md}).
 * Formats (durations) are annotations only, as in the 2019-09 draft the schema declares:
 * docker-compose checks them with its own format checker, the schema's {@code duration}
 * means ISO 8601 elsewhere.
 */
final class ComposeSchema {

	private static final String LOCATION = "/compose/compose_spec.json";

	private final Schema schema;

	private ComposeSchema(Schema schema) {
		this.schema = schema;
	}

	static ComposeSchema vendored() {
		try (InputStream in = ComposeSchema.class.getResourceAsStream(LOCATION)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + LOCATION);
			}
			// The schema declares draft 2019-09 but still labels its parts with
			// draft-04's "id":
			// a label with no meaning for validation, as docker-compose's validator
			// treats it.
			Dialect dialect = Dialect.builder(Dialects.getDraft201909())
				.keyword(new NonValidationKeyword("id"))
				.build();
			return new ComposeSchema(SchemaRegistry.withDialect(dialect).getSchema(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What the schema rejects in the file, one line per error. */
	List<String> violations(ComposeFile file) {
		JsonNode document = JsonMapper.builder().build().valueToTree(file.document());
		return this.schema.validate(document).stream().map(Error::toString).toList();
	}

}
