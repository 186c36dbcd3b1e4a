package dslab.inventoryservice.stock;

import java.math.BigDecimal;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API: the public stock view and the guarded admin restock. */
class StockApiTest extends InventoryIntegrationTest {

	private static final String ADMIN = "Bearer lab-admin-token";

	@Autowired
	MockMvcTester mvc;

	@Test
	void listsTheSeededCatalogueOrderedBySku() {
		assertThat(this.mvc.get().uri("/api/stock")).hasStatusOk()
			.bodyJson()
			.convertTo(InstanceOfAssertFactories.list(StockView.class))
			.extracting(StockView::sku)
			.startsWith("SKU-1", "SKU-17", "SKU-2", "SKU-3", "SKU-4", "SKU-5", "SKU-6", "SKU-7")
			.isSorted();
		assertThat(this.mvc.get().uri("/api/stock")).bodyJson()
			.convertTo(InstanceOfAssertFactories.list(StockView.class))
			.first()
			.isEqualTo(new StockView("SKU-1", "Espresso beans 1 kg", new BigDecimal("24.90"), 100, 0, 0));
	}

	@Test
	void showsOneItem() {
		assertThat(this.mvc.get().uri("/api/stock/SKU-4")).hasStatusOk()
			.bodyJson()
			.convertTo(StockView.class)
			.isEqualTo(new StockView("SKU-4", "Burr grinder", new BigDecimal("129.00"), 10, 0, 0));
	}

	@Test
	void answersNotFoundProblemForUnknownSku() {
		assertThat(this.mvc.get().uri("/api/stock/NO-SUCH-SKU")).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("unknown SKU: NO-SUCH-SKU");
	}

	@Test
	void restocksWithTheAdminToken() {
		String sku = newSku("7.50", 3);

		assertThat(restock(sku, "{\"quantity\":10}", ADMIN)).hasStatusOk()
			.bodyJson()
			.convertTo(StockView.class)
			.isEqualTo(new StockView(sku, "Test item " + sku, new BigDecimal("7.50"), 13, 0, 0));
		assertThat(stockOf(sku)).extracting(StockItem::initial, StockItem::restocked, StockItem::available)
			.containsExactly(3, 10, 13);
	}

	@Test
	void refusesRestockWithoutOrWithWrongToken() {
		String sku = newSku("7.50", 3);

		assertThat(restock(sku, "{\"quantity\":10}", null)).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(restock(sku, "{\"quantity\":10}", "Bearer not-the-token")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(stockOf(sku).available()).isEqualTo(3);
	}

	@Test
	void refusesRestockQuantityOutOfRange() {
		String sku = newSku("7.50", 3);

		assertThat(restock(sku, "{\"quantity\":0}", ADMIN)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("quantity");
		assertThat(restock(sku, "{\"quantity\":1000001}", ADMIN)).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(restock(sku, "{}", ADMIN)).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(stockOf(sku).available()).isEqualTo(3);
	}

	@Test
	void answersNotFoundForRestockOfUnknownSku() {
		assertThat(restock("NO-SUCH-SKU", "{\"quantity\":10}", ADMIN)).hasStatus(HttpStatus.NOT_FOUND)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("unknown SKU: NO-SUCH-SKU");
	}

	private MockMvcTester.MockMvcRequestBuilder restock(String sku, String body, String authorization) {
		MockMvcTester.MockMvcRequestBuilder request = this.mvc.post()
			.uri("/admin/stock/{sku}/restock", sku)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
		return (authorization != null) ? request.header(HttpHeaders.AUTHORIZATION, authorization) : request;
	}

}
