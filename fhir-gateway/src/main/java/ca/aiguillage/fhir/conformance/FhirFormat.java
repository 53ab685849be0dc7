package ca.aiguillage.fhir.conformance;

import java.util.Locale;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * FHIR's two formats: a request's body is read in the format its Content-Type names, an
 * answer is written in the one {@code _format} or Accept asks for (JSON by default).
 */
public enum FhirFormat {

	JSON(MediaType.parseMediaType("application/fhir+json;charset=UTF-8")),

	XML(MediaType.parseMediaType("application/fhir+xml;charset=UTF-8"));

	private final MediaType mediaType;

	FhirFormat(MediaType mediaType) {
		this.mediaType = mediaType;
	}

	/**
	 * The format an answer is written in.
	 * @param format the {@code _format} parameter, which wins
	 * @param accept the Accept header
	 * @return XML when it alone is asked for, else JSON
	 */
	public static FhirFormat of(@Nullable String format, @Nullable String accept) {
		String asked = ((format != null && !format.isBlank()) ? format : String.valueOf(accept))
			.toLowerCase(Locale.ROOT);
		// HAPI's client accepts both: JSON, unless only XML is asked for.
		return (asked.contains("xml") && !asked.contains("json")) ? XML : JSON;
	}

	/**
	 * The format of a request's body.
	 * @param contentType its Content-Type header
	 * @return XML for an XML type, else JSON
	 */
	public static FhirFormat ofBody(@Nullable String contentType) {
		return of(null, contentType);
	}

	public MediaType mediaType() {
		return this.mediaType;
	}

	/**
	 * Reads a resource of a given type.
	 * @param <T> the type
	 * @param type the resource class
	 * @param body the request body
	 * @return the resource
	 * @throws DataFormatException when the body is not such a resource
	 */
	public <T extends IBaseResource> T read(Class<T> type, String body) {
		return parser().parseResource(type, body);
	}

	public String write(IBaseResource resource) {
		return parser().setPrettyPrint(true).encodeResourceToString(resource);
	}

	/**
	 * An answer holding a resource in this format.
	 * @param status the HTTP status
	 * @param resource the resource
	 * @return the answer
	 */
	public ResponseEntity<String> answer(int status, IBaseResource resource) {
		return ResponseEntity.status(status).contentType(this.mediaType).body(write(resource));
	}

	private IParser parser() {
		return (this == XML) ? Conformance.context().newXmlParser() : Conformance.context().newJsonParser();
	}

}
