package ca.aiguillage.referral.selfreferral;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Who a request comes from, for the rate limit: the socket's address, an IPv6 one by its
 * /64 (one subscriber holds a whole /64, so rotating inside it resets nothing), and never
 * the client's own {@code X-Forwarded-For} unless the socket is a configured trusted
 * proxy.
 */
final class ClientAddress {

	private static final int IPV6_PREFIX_BYTES = 8;

	private final Set<InetAddress> trustedProxies;

	ClientAddress(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies.stream().map(ClientAddress::literal).collect(Collectors.toSet());
	}

	/**
	 * The rate limit's key for a request.
	 * @param remoteAddress the socket's address
	 * @param forwardedFor the {@code X-Forwarded-For} header, or null
	 * @return the IPv4 address, or the IPv6 /64
	 */
	String keyOf(String remoteAddress, @Nullable String forwardedFor) {
		InetAddress client = literal(remoteAddress);
		if (forwardedFor != null && this.trustedProxies.contains(client)) {
			// Rightmost first: the entries left of the last trusted proxy are the
			// sender's
			// to choose.
			List<String> hops = Arrays.stream(forwardedFor.split(",")).map(String::strip).toList();
			for (int i = hops.size() - 1; i >= 0; i--) {
				InetAddress hop = literalOrNull(hops.get(i));
				if (hop == null) {
					break;
				}
				client = hop;
				if (!this.trustedProxies.contains(hop)) {
					break;
				}
			}
		}
		return prefix(client);
	}

	static String prefix(InetAddress address) {
		if (address instanceof Inet6Address) {
			byte[] bytes = address.getAddress();
			return HexFormat.of().formatHex(bytes, 0, IPV6_PREFIX_BYTES) + "::/64";
		}
		return address.getHostAddress();
	}

	private static InetAddress literal(String address) {
		InetAddress parsed = literalOrNull(address);
		if (parsed == null) {
			throw new IllegalArgumentException("Not an IP address: " + address);
		}
		return parsed;
	}

	private static @Nullable InetAddress literalOrNull(String address) {
		try {
			// A literal only: never a name to resolve.
			return InetAddress
				.ofLiteral(address.startsWith("[") ? address.substring(1, address.length() - 1) : address);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
