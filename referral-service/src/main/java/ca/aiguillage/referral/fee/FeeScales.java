package ca.aiguillage.referral.fee;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import ca.aiguillage.contracts.common.SessionFee;
import ca.aiguillage.platform.outbox.Aggregates;
import ca.aiguillage.platform.outbox.Outcome;
import ca.aiguillage.platform.web.FieldViolation;
import ca.aiguillage.platform.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Service;

/**
 * The sliding scales: each a document holding the scale in force and the versions it
 * replaced. The files under {@code fee-scales/} are loaded at start for scales not stored
 * yet; after that an administrator replaces a scale through the API, and every referral
 * records the version its fee came from. The scales in force are kept in memory: every
 * referral needs them and they change rarely. A save of this instance drops the copy at
 * once; another instance's replacement shows within {@link #FRESH_FOR}.
 */
@Service
public class FeeScales {

	private static final Logger log = LoggerFactory.getLogger(FeeScales.class);

	/** How long the copy in memory is used before the stored scales are read again. */
	static final Duration FRESH_FOR = Duration.ofMinutes(1);

	private final MongoOperations mongo;

	private final Aggregates aggregates;

	private final JsonMapper json;

	private final AtomicLong saves = new AtomicLong();

	private volatile @Nullable InForce inForce;

	/**
	 * The scales in force as read after so many saves, at that time (System.nanoTime).
	 */
	private record InForce(List<FeeScale> scales, long saves, long readAt) {
	}

	FeeScales(MongoOperations mongo, Aggregates aggregates, JsonMapper json) {
		this.mongo = mongo;
		this.aggregates = aggregates;
		this.json = json;
		aggregates.afterSave(StoredFeeScale.class, saved -> this.saves.incrementAndGet());
	}

	@EventListener(ApplicationReadyEvent.class)
	void loadShippedScales() throws IOException {
		for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath*:fee-scales/*.json")) {
			FeeScale scale;
			try (InputStream in = file.getInputStream()) {
				scale = this.json.readValue(in, FeeScale.class);
			}
			List<FieldViolation> violations = scale.violations();
			if (!violations.isEmpty()) {
				throw new IllegalStateException("Fee scale " + file.getFilename() + " is invalid: " + violations);
			}
			// Stored already: an administrator's replacement wins over the file.
			boolean loaded = this.aggregates.update(StoredFeeScale.class, scale.id(), found -> found.isPresent()
					? Outcome.unchanged(false) : Outcome.save(StoredFeeScale.of(scale), true));
			if (loaded) {
				log.info("Fee scale {} version {} loaded from {}", scale.id(), scale.version(), file.getFilename());
			}
		}
	}

	/**
	 * The fee a household pays at an organization.
	 * @param organizationId the organization referred to, or null for any
	 * @param annualIncome the household's annual income in dollars, or null if not given
	 * @param dependents the number of dependents, or null if not given
	 * @return the fee, or empty when the income is not known
	 */
	public Optional<SessionFee> feeFor(@Nullable String organizationId, @Nullable Integer annualIncome,
			@Nullable Integer dependents) {
		if (annualIncome == null) {
			return Optional.empty();
		}
		return scaleFor(organizationId).map(scale -> scale.feeFor(annualIncome, (dependents != null) ? dependents : 0));
	}

	/**
	 * The scale in force for an organization: its own, or the network's default.
	 * @param organizationId an organization, or null
	 * @return the scale, or empty when none is stored
	 */
	public Optional<FeeScale> scaleFor(@Nullable String organizationId) {
		List<FeeScale> scales = all();
		return scales.stream()
			.filter(scale -> organizationId != null && scale.organizationIds().contains(organizationId))
			.findFirst()
			.or(() -> scales.stream().filter(scale -> scale.organizationIds().isEmpty()).findFirst());
	}

	public List<FeeScale> all() {
		long now = System.nanoTime();
		InForce known = this.inForce;
		if (known != null && known.saves() == this.saves.get() && now - known.readAt() < FRESH_FOR.toNanos()) {
			return known.scales();
		}
		// Counted before the read: a save during it makes the next call read again.
		long saved = this.saves.get();
		List<FeeScale> scales = this.mongo.findAll(StoredFeeScale.class).stream().map(StoredFeeScale::current).toList();
		this.inForce = new InForce(scales, saved, now);
		return scales;
	}

	public Optional<FeeScale> find(String id) {
		return Optional.ofNullable(this.mongo.findById(id, StoredFeeScale.class)).map(StoredFeeScale::current);
	}

	/**
	 * Puts a new version of a scale in force, in one conditional write.
	 * @param scale the new version
	 * @return the scale now in force
	 * @throws InvalidRequestException when the scale breaks a rule or its version was
	 * used before
	 */
	public FeeScale replace(FeeScale scale) {
		List<FieldViolation> violations = scale.violations();
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		// Decided on the stored versions, again if another administrator replaced it
		// meanwhile.
		return this.aggregates.update(StoredFeeScale.class, scale.id(), found -> {
			if (found.isPresent() && found.get().hasUsed(scale.version())) {
				throw new InvalidRequestException(List.of(new FieldViolation("version", "invalid.version.notNew")));
			}
			StoredFeeScale stored = found.orElseGet(() -> new StoredFeeScale(scale.id()));
			stored.putInForce(scale);
			return Outcome.save(stored, scale);
		});
	}

}
