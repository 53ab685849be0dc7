package ca.aiguillage.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A collector as small as a test needs: takes what the services' OTLP/HTTP exporters post
 * on {@code /v1/traces} (protobuf {@code ExportTraceServiceRequest}), keeps the raw
 * bodies and decodes each span's service, trace id, name and attributes from the wire
 * format.
 */
final class OtlpReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

	private final List<Span> spans = new CopyOnWriteArrayList<>();

	private OtlpReceiver(HttpServer server) {
		this.server = server;
	}

	static OtlpReceiver start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		OtlpReceiver receiver = new OtlpReceiver(server);
		server.createContext("/v1/traces", exchange -> {
			try (InputStream body = exchange.getRequestBody()) {
				byte[] bytes = body.readAllBytes();
				receiver.bodies.add(bytes);
				receiver.spans.addAll(decode(bytes));
			}
			exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.start();
		return receiver;
	}

	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	List<Span> spans() {
		return List.copyOf(this.spans);
	}

	/**
	 * Everything the exporters sent, as text: what a privacy check reads.
	 * @return the bodies, decoded as UTF-8
	 */
	String everythingSent() {
		StringBuilder text = new StringBuilder();
		this.bodies.forEach(body -> text.append(new String(body, StandardCharsets.UTF_8)).append('\n'));
		return text.toString();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One exported span.
	 *
	 * @param service the resource's {@code service.name}
	 * @param traceId the trace id, in hex
	 * @param spanId the span id, in hex
	 * @param parentSpanId the parent's span id, in hex (empty for a root)
	 * @param name the span's name
	 * @param attributes its string, number and boolean attributes
	 */
	record Span(String service, String traceId, String spanId, String parentSpanId, String name,
			Map<String, String> attributes) {
	}

	// ExportTraceServiceRequest: 1 ResourceSpans (1 Resource (1 KeyValue), 2 ScopeSpans
	// (2 Span)).
	private static List<Span> decode(byte[] request) {
		List<Span> decoded = new ArrayList<>();
		for (Object resourceSpans : fields(request).getOrDefault(1, List.of())) {
			Map<Integer, List<Object>> resourceSpansFields = fields((byte[]) resourceSpans);
			String service = resourceSpansFields.getOrDefault(1, List.of())
				.stream()
				.map(resource -> attributes(fields((byte[]) resource), 1).get("service.name"))
				.findFirst()
				.orElse("");
			for (Object scopeSpans : resourceSpansFields.getOrDefault(2, List.of())) {
				for (Object span : fields((byte[]) scopeSpans).getOrDefault(2, List.of())) {
					// Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 9
					// attributes.
					Map<Integer, List<Object>> spanFields = fields((byte[]) span);
					decoded.add(new Span(service, hex(spanFields, 1), hex(spanFields, 2), hex(spanFields, 4),
							text(spanFields, 5), attributes(spanFields, 9)));
				}
			}
		}
		return decoded;
	}

	// KeyValue: 1 key, 2 AnyValue (1 string, 2 bool, 3 int, 4 double); in field 1 of a
	// Resource, field 9 of a Span.
	private static Map<String, String> attributes(Map<Integer, List<Object>> owner, int field) {
		Map<String, String> attributes = new LinkedHashMap<>();
		for (Object keyValue : owner.getOrDefault(field, List.of())) {
			if (!(keyValue instanceof byte[] bytes)) {
				continue;
			}
			Map<Integer, List<Object>> pair = fields(bytes);
			Map<Integer, List<Object>> value = pair.containsKey(2) ? fields((byte[]) pair.get(2).get(0)) : Map.of();
			String shown = value.containsKey(1) ? text(value, 1)
					: value.values().stream().flatMap(List::stream).map(String::valueOf).findFirst().orElse("");
			attributes.put(text(pair, 1), shown);
		}
		return attributes;
	}

	private static String text(Map<Integer, List<Object>> message, int field) {
		List<Object> values = message.getOrDefault(field, List.of());
		return values.isEmpty() ? "" : new String((byte[]) values.get(0), StandardCharsets.UTF_8);
	}

	private static String hex(Map<Integer, List<Object>> message, int field) {
		List<Object> values = message.getOrDefault(field, List.of());
		return values.isEmpty() ? "" : HexFormat.of().formatHex((byte[]) values.get(0));
	}

	// The protobuf wire format: each field a tag (number << 3 | type) and its value.
	private static Map<Integer, List<Object>> fields(byte[] message) {
		Map<Integer, List<Object>> fields = new LinkedHashMap<>();
		int[] at = { 0 };
		while (at[0] < message.length) {
			long tag = varint(message, at);
			int number = (int) (tag >>> 3);
			Object value = switch ((int) (tag & 7)) {
				case 0 -> varint(message, at);
				case 1 -> {
					at[0] += 8;
					yield "fixed64";
				}
				case 2 -> {
					int length = (int) varint(message, at);
					ByteArrayOutputStream bytes = new ByteArrayOutputStream();
					bytes.write(message, at[0], length);
					at[0] += length;
					yield bytes.toByteArray();
				}
				case 5 -> {
					at[0] += 4;
					yield "fixed32";
				}
				default -> throw new IllegalArgumentException("Not an OTLP protobuf message");
			};
			fields.computeIfAbsent(number, ignored -> new ArrayList<>()).add(value);
		}
		return fields;
	}

	private static long varint(byte[] message, int[] at) {
		long value = 0;
		for (int shift = 0;; shift += 7) {
			byte next = message[at[0]++];
			value |= (long) (next & 0x7f) << shift;
			if ((next & 0x80) == 0) {
				return value;
			}
		}
	}

}
