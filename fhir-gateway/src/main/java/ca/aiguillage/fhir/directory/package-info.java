/**
 * The directory's capacity for partners' directories: each organization's psychotherapy
 * service as a read-only HealthcareService, its SDOH-CC capacity status computed live
 * from the free places matching announces.
 */
@NullMarked
package ca.aiguillage.fhir.directory;

import org.jspecify.annotations.NullMarked;
