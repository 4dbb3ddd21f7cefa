package dev.peerroom.transport;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.AsciiString;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Which address a request comes from, for the per-address limits.
 *
 * <p>It is the TCP peer's address, unless that peer is a trusted proxy. Then it is read from
 * {@code X-Forwarded-For}, walking from the right: each proxy appends the address it got the request
 * from, so the entries to the right were written by proxies we trust and the first entry that is
 * not itself a trusted proxy is the client. Entries further left were written by the client or by
 * proxies we know nothing about, and are never read. Without trusted proxies the header is ignored
 * entirely: anyone can send it.
 *
 * <p>An entry that is not a literal IP address (a name, "unknown", garbage) stops the walk, and the
 * nearest trusted address is used instead. That counts the request against a proxy rather than
 * against a client, which can only make limits stricter: no entry a client writes can move its
 * requests onto an address of its choosing, because the walk stops at the first untrusted entry.
 * Host names are never resolved: trust must not depend on DNS.
 */
final class ClientAddresses {
    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");

    private final List<IpSubnetFilterRule> trusted;

    /** @param trustedProxies "address/prefix" blocks, as the setting parser returns them */
    ClientAddresses(List<String> trustedProxies) {
        List<IpSubnetFilterRule> rules = new ArrayList<>(trustedProxies.size());
        for (String block : trustedProxies) {
            int slash = block.lastIndexOf('/');
            String address = slash < 0 ? block : block.substring(0, slash);
            InetAddress literal = NetUtil.createInetAddressFromIpAddressString(address);
            if (literal == null) {
                throw new IllegalArgumentException("not an IP address: " + block);
            }
            int bits = literal.getAddress().length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(block.substring(slash + 1));
            rules.add(new IpSubnetFilterRule(literal, prefix, IpFilterRuleType.ACCEPT));
        }
        this.trusted = List.copyOf(rules);
    }

    /** Whether any proxy is trusted at all; if not, every request's address is its peer's. */
    boolean trustsProxies() {
        return !trusted.isEmpty();
    }

    /** The peer's IP address, or null for a peer that has none (a Unix domain socket, a test channel). */
    static InetAddress ipOf(SocketAddress peer) {
        return peer instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    boolean isTrusted(InetAddress address) {
        if (address == null || trusted.isEmpty()) {
            return false;
        }
        InetSocketAddress asSocket = new InetSocketAddress(address, 0);
        for (IpSubnetFilterRule rule : trusted) {
            if (rule.matches(asSocket)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client address of one request.
     *
     * @param peer          the TCP peer's address (null when it has none)
     * @param forwardedFor  every X-Forwarded-For header of the request, in order (may be empty)
     */
    InetAddress resolve(InetAddress peer, List<String> forwardedFor) {
        if (!isTrusted(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        InetAddress nearestTrusted = peer;
        // Several headers are one list, in order (RFC 9110 5.3): walk them from the last one back.
        for (int h = forwardedFor.size() - 1; h >= 0; h--) {
            String header = forwardedFor.get(h);
            int end = header.length();
            while (end >= 0) {
                int comma = header.lastIndexOf(',', end - 1);
                InetAddress hop = parseEntry(header.substring(comma + 1, end).strip());
                if (hop == null) {
                    return nearestTrusted;
                }
                if (!isTrusted(hop)) {
                    return hop;
                }
                nearestTrusted = hop;
                end = comma;
            }
        }
        return nearestTrusted; // every hop was a trusted proxy: the request started at the left-most
    }

    /**
     * A literal address as proxies write it: {@code 203.0.113.7}, {@code 2001:db8::1}, and the
     * forms with a port some proxies append, {@code 203.0.113.7:4711} and {@code [2001:db8::1]:4711}.
     * Anything else is null.
     */
    static InetAddress parseEntry(String entry) {
        String address = entry;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0 || !(close == entry.length() - 1 || entry.charAt(close + 1) == ':')) {
                return null;
            }
            address = entry.substring(1, close);
        } else {
            int colon = entry.indexOf(':');
            if (colon >= 0 && colon == entry.lastIndexOf(':')) {
                address = entry.substring(0, colon); // one colon: IPv4 with a port; IPv6 has at least two
            }
        }
        return address.isEmpty() ? null : NetUtil.createInetAddressFromIpAddressString(address);
    }
}
