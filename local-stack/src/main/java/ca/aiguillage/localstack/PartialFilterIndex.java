package ca.aiguillage.localstack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * A partial index of the embedded store: the documents that match its filter, by
 * position, kept in a map of the store's file beside the collection and written in the
 * same commit as each document. mongo-java-server keeps no index but {@code _id} and
 * unique ones, so the scans that look for the few documents a partial index is declared
 * for (the outbox's pending entries, the waiting requests) read the whole collection: 15
 * s for the notification cases of 78,000 referrals at every start. A query whose filter
 * contains the index's filter, condition for condition, reads the documents the index
 * holds, matched against the whole query.
 * <p>
 * The index is filled once, from the documents, when it is declared or first opened by a
 * version that keeps it; a mark in the collection's metadata, written after the fill,
 * says it is whole, so that the next openings read nothing.
 */
final class PartialFilterIndex extends Index<Object> {

	private static final String FILLED = "partialIndexFilled.";

	private final Document filter;

	private final MVMap<Object, Boolean> members;

	private final MVMap<String, Object> meta;

	PartialFilterIndex(String name, List<IndexKey> keys, Document filter, MVMap<Object, Boolean> members,
			MVMap<String, Object> meta) {
		// Sparse: a document outside the filter is not in it, and its removal is no
		// error.
		super(name, keys, true);
		this.filter = filter;
		this.members = members;
		this.meta = meta;
	}

	/** Whether the index was filled whole by an earlier opening. */
	boolean filled() {
		return Boolean.TRUE.equals(this.meta.get(FILLED + getName()));
	}

	/** Fills the index from every document of the collection, once. */
	void fill(Iterable<Map.Entry<Object, Document>> documents) {
		this.members.clear();
		for (Map.Entry<Object, Document> document : documents) {
			if (matches(document.getValue())) {
				this.members.put(document.getKey(), Boolean.TRUE);
			}
		}
		this.meta.put(FILLED + getName(), Boolean.TRUE);
	}

	private boolean matches(Document document) {
		// A matcher of its own: the collection's keeps the array position an update's
		// $ operator changes.
		return new DefaultQueryMatcher().matches(document, this.filter);
	}

	private static Object positionOf(Document document) {
		return Missing.ofNullable(document.get("_id"));
	}

	@Override
	public Object getPosition(Document document) {
		// Not a unique index: it never names the one document a key belongs to.
		return null;
	}

	@Override
	public void checkAdd(Document document, MongoCollection<Object> collection) {
		// No constraint.
	}

	@Override
	public void add(Document document, Object position, MongoCollection<Object> collection) {
		if (matches(document)) {
			this.members.put(position, Boolean.TRUE);
		}
	}

	@Override
	public Object remove(Document document) {
		Object position = positionOf(document);
		return (this.members.remove(position) != null) ? position : null;
	}

	/**
	 * Whether the query asks at least what the filter asks: each of the filter's
	 * conditions stands in the query as it is, at its top or among its {@code $and}.
	 */
	@Override
	public boolean canHandle(Document query) {
		for (Map.Entry<String, Object> condition : this.filter.entrySet()) {
			if (!asks(query, condition.getKey(), condition.getValue())) {
				return false;
			}
		}
		return true;
	}

	private static boolean asks(Document query, String field, Object condition) {
		if (query.containsKey(field) && Objects.equals(condition, query.get(field))) {
			return true;
		}
		if (query.get("$and") instanceof Collection<?> all) {
			for (Object part : all) {
				if (part instanceof Document document && asks(document, field, condition)) {
					return true;
				}
			}
		}
		return false;
	}

	@Override
	public Iterable<Object> getPositions(Document query) {
		// A copy: the positions are read one by one after the map may have changed.
		return new ArrayList<>(this.members.keySet());
	}

	@Override
	public long getCount() {
		return this.members.size();
	}

	@Override
	public long getDataSize() {
		return 0;
	}

	@Override
	public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
		// No constraint.
	}

	@Override
	public void updateInPlace(Document oldDocument, Document newDocument, Object position,
			MongoCollection<Object> collection) {
		boolean member = this.members.containsKey(position);
		boolean matches = matches(newDocument);
		// Written only when it changes: a write to the map is a page rewritten in the
		// commit.
		if (matches && !member) {
			this.members.put(position, Boolean.TRUE);
		}
		else if (!matches && member) {
			this.members.remove(position);
		}
	}

	@Override
	public void drop() {
		this.members.clear();
		this.meta.remove(FILLED + getName());
	}

}
