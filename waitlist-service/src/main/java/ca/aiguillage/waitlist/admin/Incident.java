package ca.aiguillage.waitlist.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One confidentiality incident in the register Quebec's Law 25 asks every organization to
 * keep: what happened, to how many people (never who), the risk of serious injury and
 * what was done, with every change to it and who made it.
 *
 * @param id the incident's id
 * @param details what is known of it now
 * @param changes its record and each edit, oldest first
 */
@Document("incidents")
record Incident(@Id String id, Details details, List<Change> changes) {

	public Change recorded() {
		return this.changes.getFirst();
	}

	public Change lastChange() {
		return this.changes.getLast();
	}

	/**
	 * What is known of an incident.
	 *
	 * @param noticedAt when the organization noticed it
	 * @param description what happened, without names
	 * @param informationKind the kind of personal information concerned
	 * @param peopleConcerned how many people it concerns
	 * @param seriousInjuryRisk whether it presents a risk of serious injury
	 * @param riskReason why that risk is or is not serious
	 * @param measures what was done to reduce the risk and prevent another
	 * @param commissionNotifiedOn when the Commission d'accès à l'information was told,
	 * or null if it was not
	 * @param peopleNotifiedOn when the people concerned were told, or null if they were
	 * not
	 */
	record Details(Instant noticedAt, String description, String informationKind, int peopleConcerned,
			boolean seriousInjuryRisk, String riskReason, String measures, @Nullable LocalDate commissionNotifiedOn,
			@Nullable LocalDate peopleNotifiedOn) {
	}

	/**
	 * One change to the register: the record or an edit.
	 *
	 * @param kind recorded or edited
	 * @param by the administrator's subject
	 * @param at when
	 * @param before the details the edit replaced, null for the record
	 */
	record Change(Kind kind, String by, Instant at, @Nullable Details before) {

		/** What was done. */
		enum Kind {

			RECORDED, EDITED

		}

	}

}
