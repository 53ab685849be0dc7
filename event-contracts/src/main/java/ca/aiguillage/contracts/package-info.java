/**
 * The published event contracts of Aiguillage: topic names, CloudEvents types, versioned
 * event records and the catalog that ties each type to its topic, record and JSON Schema.
 */
@NullMarked
package ca.aiguillage.contracts;

import org.jspecify.annotations.NullMarked;
