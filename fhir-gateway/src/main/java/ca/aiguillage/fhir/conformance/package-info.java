/**
 * What the gateway publishes and checks: its FHIR context, our Questionnaire and
 * CodeSystems, the validator, JSON and XML, the CapabilityStatement and the
 * OperationOutcomes of every error.
 */
@NullMarked
package ca.aiguillage.fhir.conformance;

import org.jspecify.annotations.NullMarked;
