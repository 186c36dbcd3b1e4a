package dslab.system;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules that keep the services independent and the shared code free of domain and
 * Spring.
 */
@AnalyzeClasses(packages = "dslab", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	private static final List<String> SERVICES = List.of("orderservice", "inventoryservice", "paymentservice",
			"provider", "gateway");

	@ArchTest
	static void servicesNeverDependOnEachOther(JavaClasses classes) {
		for (String service : SERVICES) {
			String[] others = SERVICES.stream()
				.filter((other) -> !other.equals(service))
				.map((other) -> "dslab." + other + "..")
				.toArray(String[]::new);
			noClasses().that()
				.resideInAPackage("dslab." + service + "..")
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage(others)
				.check(classes);
		}
	}

	@ArchTest
	static final ArchRule contractsHaveNoSpring = noClasses().that()
		.resideInAPackage("dslab.contracts..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "dslab.reliability..");

	@ArchTest
	static final ArchRule sharedMechanismsHoldNoDomain = noClasses().that()
		.resideInAPackage("dslab.reliability..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dslab.contracts..", "dslab.orderservice..", "dslab.inventoryservice..",
				"dslab.paymentservice..");

	/**
	 * The provider is the bank: it shares only the lab's fault injection and admin guard.
	 */
	@ArchTest
	static final ArchRule theProviderIsExternal = noClasses().that()
		.resideInAPackage("dslab.provider..")
		.should()
		.dependOnClassesThat(resideInAnyPackage("dslab.contracts..", "dslab.reliability..")
			.and(not(resideInAnyPackage("dslab.reliability.faults..", "dslab.reliability.admin.."))));

	@ArchTest
	static final ArchRule noPackageCycles = slices().matching("dslab.(*)..").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule noPackageCyclesWithinAService = slices().matching("dslab.*.(*)..").should().beFreeOfCycles();

}
