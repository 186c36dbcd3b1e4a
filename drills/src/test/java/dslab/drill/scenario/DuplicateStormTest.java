package dslab.drill.scenario;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dslab.drill.scenario.DuplicateStorm.Answer;
import dslab.drill.scenario.DuplicateStorm.Storm;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the storm judges one key's answers. */
class DuplicateStormTest {

	private final Storm storm = new Storm(URI.create("http://localhost:1"), HttpClient.newHttpClient(), "c-1", "k-1",
			"SKU-1");

	private final UUID order = UUID.randomUUID();

	private final List<String> perKey = new ArrayList<>();

	private final List<String> perAnswer = new ArrayList<>();

	@Test
	void oneOrderWithReplaysConflictsAndRefusedReusesPasses() {
		assertThat(
				this.storm.judge(
						List.of(new Answer(0, 202, false, this.order), new Answer(0, 202, true, this.order),
								new Answer(0, 409, false, null), new Answer(1, 422, false, null)),
						this.perKey, this.perAnswer))
			.contains(this.order);

		assertThat(this.perKey).isEmpty();
		assertThat(this.perAnswer).isEmpty();
	}

	@Test
	void twoOrdersForOneKeyFail() {
		assertThat(this.storm.judge(
				List.of(new Answer(0, 202, false, this.order), new Answer(0, 202, false, UUID.randomUUID())),
				this.perKey, this.perAnswer))
			.isEmpty();

		assertThat(this.perKey).singleElement().asString().contains("2 requests placed an order");
	}

	@Test
	void replayOfAnotherOrderOrReuseAcceptedOrOtherStatusFail() {
		this.storm.judge(List.of(new Answer(0, 202, false, this.order), new Answer(0, 202, true, UUID.randomUUID()),
				new Answer(1, 202, true, this.order), new Answer(0, 500, false, null), new Answer(0, 422, false, null)),
				this.perKey, this.perAnswer);

		assertThat(this.perKey).isEmpty();
		assertThat(this.perAnswer).hasSize(4);
	}

}
