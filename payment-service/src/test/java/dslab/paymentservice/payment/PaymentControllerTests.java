package dslab.paymentservice.payment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dslab.reliability.web.ProblemDetailsAdvice;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

@WebMvcTest(PaymentController.class)
@Import(ProblemDetailsAdvice.class)
class PaymentControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private Payments payments;

	@Test
	void listsTheOrdersPayment() {
		UUID orderId = UUID.fromString("3f0c1a52-5d2e-4f6b-9a41-1c7e2b8d9f00");
		UUID paymentId = UUID.fromString("8b5e7c14-2a3d-4e9f-b1c6-0d4f5a6b7c8d");
		given(this.payments.ofOrder(orderId))
			.willReturn(List.of(new Payment(paymentId, orderId, "c-1", new BigDecimal("49.80"), PaymentStatus.CAPTURED,
					"ch_1", null, OffsetDateTime.parse("2026-01-02T03:04:05Z"))));

		assertThat(this.mvc.get().uri("/api/payments?orderId={orderId}", orderId)).hasStatus(HttpStatus.OK)
			.bodyJson()
			.isStrictlyEqualTo(
					"""
							[{"paymentId":"8b5e7c14-2a3d-4e9f-b1c6-0d4f5a6b7c8d","orderId":"3f0c1a52-5d2e-4f6b-9a41-1c7e2b8d9f00",
							"customerId":"c-1","amount":49.80,"status":"CAPTURED","chargeId":"ch_1","reason":null,
							"createdAt":"2026-01-02T03:04:05Z"}]""");
	}

	@Test
	void answersEmptyListForOrderWithoutPayment() {
		assertThat(this.mvc.get().uri("/api/payments?orderId={orderId}", UUID.randomUUID())).hasStatus(HttpStatus.OK)
			.bodyJson()
			.isStrictlyEqualTo("[]");
	}

	@Test
	void rejectsRequestWithoutOrderId() {
		assertThat(this.mvc.get().uri("/api/payments")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void rejectsOrderIdThatIsNotUuid() {
		assertThat(this.mvc.get().uri("/api/payments?orderId=42")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
