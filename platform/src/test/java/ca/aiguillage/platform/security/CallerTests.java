package ca.aiguillage.platform.security;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerTests {

	@Test
	void aCoordinatorWithoutOrganizationCoordinatesNothing() {
		Caller caller = new Caller("coordination.unmapped", Set.of(Role.COORDINATOR), null, null);

		assertThat(caller.coordinatedOrganizations()).isEmpty();
		assertThat(caller.coordinates(null)).isFalse();
	}

	@Test
	void aCoordinatorCoordinatesOnlyTheirOrganization() {
		Caller caller = new Caller("coordination.laval", Set.of(Role.COORDINATOR), "org-laval", null);

		assertThat(caller.coordinatedOrganizations()).containsExactly("org-laval");
		assertThat(caller.coordinates("org-laval")).isTrue();
		assertThat(caller.coordinates("org-montreal")).isFalse();
	}

	@Test
	void anOrganizationClaimWithoutTheCoordinatorRoleCoordinatesNothing() {
		Caller caller = new Caller("clsc-ahuntsic-records", Set.of(Role.PARTNER), "org-laval", "clsc-ahuntsic");

		assertThat(caller.coordinatedOrganizations()).isEmpty();
	}

	@Test
	void aPartnerWithoutPartnerIdIsNoPartner() {
		Caller caller = new Caller("unmapped-records", Set.of(Role.PARTNER), null, null);

		assertThat(caller.isPartner(null)).isFalse();
	}

}
