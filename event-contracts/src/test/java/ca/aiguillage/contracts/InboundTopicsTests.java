package ca.aiguillage.contracts;

import ca.aiguillage.contracts.referral.InboundEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InboundTopicsTests {

	@Test
	void eachPartnerHasItsOwnInboundTopicAndTheTopicNamesThePartner() {
		String topic = Topics.inboundOf("clsc-ahuntsic");

		assertThat(topic).isEqualTo("referrals.inbound.clsc-ahuntsic");
		assertThat(Topics.partnerOfInbound(topic)).contains("clsc-ahuntsic");
		assertThat(EventCatalog.familyOf(topic)).isEqualTo(InboundEvent.class);
	}

	@Test
	void topicsThatAreNotAPartnersInboundTopicNameNoPartner() {
		assertThat(Topics.partnerOfInbound(Topics.REFERRALS_INBOUND)).isEmpty();
		assertThat(Topics.partnerOfInbound(Topics.WAITLIST_EVENTS)).isEmpty();
		assertThat(Topics.partnerOfInbound("referrals.inbound.Partner_B")).isEmpty();
		assertThat(Topics.partnerOfInbound("referrals.inbound.a.b")).isEmpty();
	}

	@Test
	void aPartnerIdThatCannotNameATopicIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Topics.inboundOf("../waitlist"));
		assertThatIllegalArgumentException().isThrownBy(() -> Topics.inboundOf(""));
		assertThatIllegalArgumentException().isThrownBy(() -> Topics.inboundOf("a".repeat(64)));
	}

}
