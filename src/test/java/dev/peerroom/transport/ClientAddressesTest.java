package dev.peerroom.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client address of a request: the TCP peer, or X-Forwarded-For read from the right behind trusted proxies. */
class ClientAddressesTest {
    private static final InetAddress PROXY = ip("10.0.0.5");
    private static final InetAddress OUTSIDER = ip("198.51.100.7");
    private final ClientAddresses trusting = new ClientAddresses(List.of("10.0.0.0/8", "::1/128"));

    private static InetAddress ip(String literal) {
        return NetUtil.createInetAddressFromIpAddressString(literal);
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddresses none = new ClientAddresses(List.of());

        assertThat(none.trustsProxies()).isFalse();
        assertThat(none.resolve(PROXY, List.of("203.0.113.1"))).isEqualTo(PROXY);
    }

    @Test
    void anUntrustedPeersHeaderIsIgnored() {
        assertThat(trusting.resolve(OUTSIDER, List.of("203.0.113.1"))).isEqualTo(OUTSIDER);
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedEntryIsTheClient() {
        assertThat(trusting.resolve(PROXY, List.of("203.0.113.1"))).isEqualTo(ip("203.0.113.1"));
        // The client wrote 6.6.6.6 itself; the proxy appended what it saw.
        assertThat(trusting.resolve(PROXY, List.of("6.6.6.6, 203.0.113.1"))).isEqualTo(ip("203.0.113.1"));
        // Two trusted hops: the walk passes both.
        assertThat(trusting.resolve(PROXY, List.of("6.6.6.6, 203.0.113.1, 10.1.2.3"))).isEqualTo(ip("203.0.113.1"));
        // Several headers are one list, in order.
        assertThat(trusting.resolve(PROXY, List.of("6.6.6.6", "203.0.113.1", "10.1.2.3"))).isEqualTo(ip("203.0.113.1"));
    }

    @Test
    void aMalformedEntryStopsTheWalkAtTheNearestTrustedAddress() {
        assertThat(trusting.resolve(PROXY, List.of("203.0.113.1, unknown"))).isEqualTo(PROXY);
        assertThat(trusting.resolve(PROXY, List.of("203.0.113.1, evil.example, 10.1.2.3"))).isEqualTo(ip("10.1.2.3"));
        assertThat(trusting.resolve(PROXY, List.of(""))).isEqualTo(PROXY);
        assertThat(trusting.resolve(PROXY, List.of("203.0.113.1,"))).isEqualTo(PROXY);
    }

    @Test
    void noHeaderOrOnlyProxiesMeansTheLeftMostTrustedHop() {
        assertThat(trusting.resolve(PROXY, List.of())).isEqualTo(PROXY);
        assertThat(trusting.resolve(PROXY, List.of("10.9.9.9, 10.1.2.3"))).isEqualTo(ip("10.9.9.9"));
    }

    @Test
    void entriesMayCarryPortsAndBeIpv6() {
        assertThat(trusting.resolve(PROXY, List.of("203.0.113.1:4711"))).isEqualTo(ip("203.0.113.1"));
        assertThat(trusting.resolve(PROXY, List.of("2001:db8::7"))).isEqualTo(ip("2001:db8::7"));
        assertThat(trusting.resolve(PROXY, List.of("[2001:db8::7]:4711"))).isEqualTo(ip("2001:db8::7"));
        assertThat(trusting.resolve(ip("::1"), List.of(" 203.0.113.9 "))).isEqualTo(ip("203.0.113.9"));
        assertThat(ClientAddresses.parseEntry("[2001:db8::7")).isNull();
        assertThat(ClientAddresses.parseEntry("[2001:db8::7]x")).isNull();
    }

    @Test
    void blocksMatchByPrefix() {
        ClientAddresses one = new ClientAddresses(List.of("127.0.0.1/32"));

        assertThat(one.isTrusted(ip("127.0.0.1"))).isTrue();
        assertThat(one.isTrusted(ip("127.0.0.2"))).isFalse();
        assertThat(trusting.isTrusted(ip("10.255.0.1"))).isTrue();
        assertThat(trusting.isTrusted(ip("11.0.0.1"))).isFalse();
        assertThat(trusting.isTrusted(ip("::2"))).isFalse();
        assertThat(trusting.isTrusted(null)).isFalse();
    }
}
