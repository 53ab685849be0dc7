package ca.aiguillage.platform.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import org.apache.hc.client5.http.DnsResolver;

/**
 * Which addresses a partner's endpoint may resolve to: none on loopback, link-local,
 * private (RFC 1918, fc00::/7), CGNAT, multicast, broadcast or unspecified ranges, so a
 * webhook cannot reach the services behind the firewall. Checked at registration and as
 * the resolver of every connection the webhook channel opens, so a name that resolves
 * elsewhere at send time (DNS rebinding) connects only to a checked address.
 */
public final class WebhookAddresses implements DnsResolver {

	/** Resolves a host name to all its addresses. */
	@FunctionalInterface
	public interface Lookup {

		InetAddress[] allByName(String host) throws UnknownHostException;

	}

	/** A host that resolves, at least in part, to a refused range. */
	public static final class RefusedAddress extends UnknownHostException {

		RefusedAddress(String host) {
			super("webhook host resolves to a refused address range: " + host);
		}

	}

	private final boolean allowLoopback;

	private final Lookup lookup;

	/**
	 * @param allowLoopback whether loopback is allowed: only for tests and the local
	 * stack, on the {@code local} profile
	 */
	public WebhookAddresses(boolean allowLoopback) {
		this(allowLoopback, InetAddress::getAllByName);
	}

	public WebhookAddresses(boolean allowLoopback, Lookup lookup) {
		this.allowLoopback = allowLoopback;
		this.lookup = lookup;
	}

	/**
	 * The addresses of a host, every one of them checked.
	 * @throws RefusedAddress when any of them is in a refused range
	 * @throws UnknownHostException when the name does not resolve
	 */
	@Override
	public InetAddress[] resolve(String host) throws UnknownHostException {
		InetAddress[] addresses = this.lookup.allByName(host);
		// One refused address refuses the name: a client could pick any of them.
		if (addresses.length == 0 || Arrays.stream(addresses).anyMatch(this::refused)) {
			throw new RefusedAddress(host);
		}
		return addresses;
	}

	@Override
	public String resolveCanonicalHostname(String host) {
		return host;
	}

	/** Whether an address is in a range no webhook may reach. */
	public boolean refused(InetAddress address) {
		if (address.isLoopbackAddress()) {
			return !this.allowLoopback;
		}
		if (address instanceof Inet6Address) {
			byte[] bytes = address.getAddress();
			if (embedsIpv4(bytes)) {
				return refused(ipv4(Arrays.copyOfRange(bytes, 12, 16)));
			}
			// fc00::/7, unique local.
			if ((bytes[0] & 0xfe) == 0xfc) {
				return true;
			}
		}
		if (address instanceof Inet4Address) {
			byte[] bytes = address.getAddress();
			int first = bytes[0] & 0xff;
			int second = bytes[1] & 0xff;
			// 0.0.0.0/8 "this network", 100.64.0.0/10 CGNAT, 255.255.255.255 broadcast.
			if (first == 0 || (first == 100 && second >= 64 && second < 128)
					|| Arrays.equals(bytes, new byte[] { -1, -1, -1, -1 })) {
				return true;
			}
		}
		return address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
				|| address.isMulticastAddress() || isPrivateIpv4(address);
	}

	private static boolean isPrivateIpv4(InetAddress address) {
		if (!(address instanceof Inet4Address)) {
			return false;
		}
		byte[] bytes = address.getAddress();
		int first = bytes[0] & 0xff;
		int second = bytes[1] & 0xff;
		return first == 10 || (first == 172 && second >= 16 && second < 32) || (first == 192 && second == 168);
	}

	/** IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) addresses. */
	private static boolean embedsIpv4(byte[] bytes) {
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		boolean mapped = bytes[10] == -1 && bytes[11] == -1;
		boolean compatible = bytes[10] == 0 && bytes[11] == 0 && (bytes[12] != 0 || bytes[13] != 0);
		return mapped || compatible;
	}

	private static InetAddress ipv4(byte[] bytes) {
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
