package ca.aiguillage.localstack;

import java.util.List;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store's judge of what a real MongoDB would read whole, on the commands as
 * the driver sends them.
 */
class IndexAuditTests {

	private final IndexAudit audit = new IndexAudit(true);

	@Test
	void aQueryByIdNeedsNoDeclaredIndex() {
		find("people", new Document("_id", "p-1").append("version", 3));
		find("people", new Document("_id", new Document("$in", List.of("p-1", "p-2"))));

		assertThat(this.audit.unindexed()).isEmpty();
	}

	@Test
	void aQueryOnAFieldNoDeclaredIndexBeginsWithIsKeptWithItsValuesLeftOut() {
		declare("people", new Document("name", 1).append("birth", 1), null, false);
		find("people", new Document("name", "Tremblay"));
		find("people", new Document("birth", "1984-02-11"));

		assertThat(this.audit.unindexed()).containsExactly("test.people find {birth: ?}");
	}

	@Test
	void aPartialIndexServesOnlyTheQueriesThatImplyItsFilter() {
		declare("requests", new Document("registeredAt", 1), new Document("status", "WAITING"), false);
		find("requests", new Document("status", "WAITING").append("registeredAt", new Document("$exists", true)));
		find("requests", new Document("status", "HELD").append("registeredAt", new Document("$exists", true)));
		find("requests", new Document("registeredAt", new Document("$lt", 5)));

		assertThat(this.audit.unindexed()).containsExactly("test.requests find {registeredAt: {$lt: ?}}",
				"test.requests find {status: ?, registeredAt: {$exists: ?}}");
	}

	@Test
	void anIndexOfDocumentsThatHaveTheFieldServesNoQueryForDocumentsWithoutIt() {
		declare("queue", new Document("nextTimerAt", 1), new Document("nextTimerAt", new Document("$exists", true)),
				false);
		declare("queue", new Document("email", 1), null, true);
		find("queue", new Document("nextTimerAt", new Document("$lte", 9)));
		find("queue", new Document("email", "a@example.org"));
		find("queue", new Document("nextTimerAt", new Document("$exists", false)));
		find("queue", new Document("email", new Document("$exists", false)));

		assertThat(this.audit.unindexed()).containsExactly("test.queue find {email: {$exists: ?}}",
				"test.queue find {nextTimerAt: {$exists: ?}}");
	}

	@Test
	void hasTheFieldNarrowsNothingOnAnIndexOfEveryDocumentButNoValueDoes() {
		declare("queue", new Document("organizationId", 1), null, false);
		declare("queue", new Document("hostOrganizationId", 1), null, true);
		find("queue", new Document("_id", new Document("$exists", true)).append("status", "WAITING"));
		find("queue", new Document("organizationId", new Document("$exists", true)));
		find("queue", new Document("organizationId", null));
		find("queue", new Document("hostOrganizationId", null));

		assertThat(this.audit.unindexed()).containsExactly("test.queue find {_id: {$exists: ?}, status: ?}",
				"test.queue find {hostOrganizationId: -}", "test.queue find {organizationId: {$exists: ?}}");
	}

	@Test
	void alternativesAreServedWhenEachOfThemIs() {
		declare("queue", new Document("organizationId", 1), null, false);
		Document served = new Document("$and", List.of(
				new Document("$or", List.of(new Document("status", "WAITING"), new Document("review", true))),
				new Document("$or", List.of(new Document("organizationId", "o-1"), new Document("_id", "e-1")))));
		Document notServed = new Document("$or",
				List.of(new Document("organizationId", "o-1"), new Document("hostOrganizationId", "o-1")));
		find("queue", served);
		find("queue", notServed);
		declare("queue", new Document("hostOrganizationId", 1),
				new Document("hostOrganizationId", new Document("$exists", true)), false);
		find("queue", notServed);

		assertThat(this.audit.unindexed())
			.containsExactly("test.queue find {$or: [{organizationId: ?}, {hostOrganizationId: ?}]}");
	}

	@Test
	void anArraysElementsAreServedThroughElemMatch() {
		declare("therapists", new Document("reservations.referralId", 1), null, false);
		find("therapists", new Document("reservations", new Document("$elemMatch", new Document("referralId", "r-1"))));
		find("therapists", new Document("reservations.referralId", "r-1"));
		find("therapists", new Document("reservations", new Document("$elemMatch", new Document("lowFee", true))));

		assertThat(this.audit.unindexed())
			.containsExactly("test.therapists find {reservations: {$elemMatch: {lowFee: ?}}}");
	}

	@Test
	void aFewDocumentsInAnIndexsOrderAreServedButNotEveryDocumentInIt() {
		declare("tasks", new Document("lastUpdated", 1), null, false);
		this.audit.observe("test", "find",
				new Document("find", "tasks").append("filter", new Document())
					.append("sort", new Document("lastUpdated", -1))
					.append("limit", 20));
		this.audit.observe("test", "find",
				new Document("find", "tasks").append("filter", new Document()).append("limit", 1));
		this.audit.observe("test", "find", new Document("find", "tasks").append("filter", new Document())
			.append("sort", new Document("lastUpdated", -1)));

		assertThat(this.audit.unindexed()).containsExactly("test.tasks find {} sort [lastUpdated]");
	}

	@Test
	void writesCountsAndPipelinesAreJudgedByTheirFilters() {
		declare("cases", new Document("deliveries.status", 1), null, false);
		this.audit.observe("test", "update",
				new Document("update", "cases").append("updates",
						List.of(new Document("q", new Document("_id", "c-1").append("version", 2)),
								new Document("q", new Document("partnerId", "p-1")).append("multi", true))));
		this.audit.observe("test", "delete", new Document("delete", "cases").append("deletes",
				List.of(new Document("q", new Document("deliveries.status", "PENDING")).append("limit", 0))));
		this.audit.observe("test", "aggregate", new Document("aggregate", "cases").append("pipeline",
				List.of(new Document("$match", new Document()), new Document("$group", new Document("_id", 1)))));
		this.audit.observe("test", "count", new Document("count", "cases").append("query",
				new Document("deliveries.status", new Document("$in", List.of("PENDING", "SENDING")))));
		this.audit.observe("test", "count", new Document("count", "cases"));

		assertThat(this.audit.unindexed()).containsExactly("test.cases aggregate {}",
				"test.cases update {partnerId: ?}");
	}

	@Test
	void itJudgesNothingUnlessAskedTo() {
		IndexAudit off = new IndexAudit(false);
		off.observe("test", "find", new Document("find", "people").append("filter", new Document("name", "x")));

		assertThat(off.unindexed()).isEmpty();
	}

	private void declare(String collection, Document key, Document partial, boolean sparse) {
		Document index = new Document("key", key).append("name", collection + "_" + String.join("_", key.keySet()));
		if (partial != null) {
			index.append("partialFilterExpression", partial);
		}
		if (sparse) {
			index.append("sparse", true);
		}
		this.audit.observe("test", "createIndexes",
				new Document("createIndexes", collection).append("indexes", List.of(index)));
	}

	private void find(String collection, Document filter) {
		this.audit.observe("test", "find", new Document("find", collection).append("filter", filter));
	}

}
