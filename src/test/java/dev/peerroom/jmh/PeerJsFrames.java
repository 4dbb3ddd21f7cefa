package dev.peerroom.jmh;

import java.nio.charset.StandardCharsets;

/**
 * Client frames exactly as the stock PeerJS 1.5 client sends them ({@code JSON.stringify} of
 * {@code {type, payload, dst}}, no src): an OFFER carrying a Chrome audio + data-channel SDP
 * (~2.5 KB on the wire) and a host ICE CANDIDATE in Firefox's
 * short form (~230 B).
 */
public final class PeerJsFrames {
    public static final String SENDER = "peer-a";
    public static final String DST = "peer-b";

    /** A Chrome 12x offer for one audio track and a data channel, as JSON-escaped text. */
    static final String SDP = String.join("\\r\\n",
            "v=0",
            "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0 1",
            "a=extmap-allow-mixed",
            "a=msid-semantic: WMS 1f8d2c3e-5b7a-4c9e-8d1f-2a3b4c5d6e7f",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 103 104 9 0 8 13 110 126",
            "c=IN IP4 0.0.0.0",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=ice-ufrag:Ab3d",
            "a=ice-pwd:q9Zr8Yx7Wv6Ut5Sr4Qp3On2M",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08",
            "a=setup:actpass",
            "a=mid:0",
            "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
            "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
            "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
            "a=extmap:5 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
            "a=extmap:6 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id",
            "a=extmap:7 http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time",
            "a=sendrecv",
            "a=msid:1f8d2c3e-5b7a-4c9e-8d1f-2a3b4c5d6e7f 9a8b7c6d-5e4f-3a2b-1c0d-ef0123456789",
            "a=rtcp-mux",
            "a=rtcp-rsize",
            "a=rtpmap:111 opus/48000/2",
            "a=rtcp-fb:111 transport-cc",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=rtpmap:63 red/48000/2",
            "a=rtcp-fb:63 transport-cc",
            "a=fmtp:63 111/111",
            "a=rtpmap:9 G722/8000",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:13 CN/8000",
            "a=rtpmap:110 telephone-event/48000",
            "a=rtpmap:126 telephone-event/8000",
            "a=rtpmap:103 ISAC/16000",
            "a=rtpmap:104 ISAC/32000",
            "a=ssrc:3735928559 cname:Xk4zQ9pL2mN7vB1c",
            "a=ssrc:3735928559 msid:1f8d2c3e-5b7a-4c9e-8d1f-2a3b4c5d6e7f 9a8b7c6d-5e4f-3a2b-1c0d-ef0123456789",
            "a=ssrc:3735928559 mslabel:1f8d2c3e-5b7a-4c9e-8d1f-2a3b4c5d6e7f",
            "a=ssrc:3735928559 label:9a8b7c6d-5e4f-3a2b-1c0d-ef0123456789",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
            "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:Ab3d",
            "a=ice-pwd:q9Zr8Yx7Wv6Ut5Sr4Qp3On2M",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08",
            "a=setup:actpass",
            "a=mid:1",
            "a=sctp-port:5000",
            "a=max-message-size:262144",
            "");

    public static final String OFFER_JSON = "{\"type\":\"OFFER\",\"payload\":{\"sdp\":{\"type\":\"offer\",\"sdp\":\"" + SDP
            + "\"},\"type\":\"media\",\"connectionId\":\"mc_5pk2b7x9q1zw\",\"metadata\":{\"name\":\"Zoë\",\"seat\":2,"
            + "\"avatar\":\"https://cdn.discordapp.com/avatars/123456789012345678/a1b2c3d4e5f60718293a4b5c6d7e8f90.png?size=128\","
            + "\"client\":{\"app\":\"tabletop\",\"build\":\"2024.11.3-rc2\",\"features\":[\"voice\",\"dice\",\"fog-of-war\"]}}},"
            + "\"dst\":\"" + DST + "\"}";

    public static final String CANDIDATE_JSON = "{\"type\":\"CANDIDATE\",\"payload\":{\"candidate\":{\"candidate\":"
            + "\"candidate:0 1 UDP 2122252543 192.168.1.23 54321 typ host\","
            + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"Ab3d\"},\"type\":\"media\","
            + "\"connectionId\":\"mc_5pk2b7x9q1zw\"},\"dst\":\"" + DST + "\"}";

    private PeerJsFrames() {
    }

    /** The frame named by a benchmark parameter, as UTF-8 bytes. */
    public static byte[] bytes(String name) {
        return json(name).getBytes(StandardCharsets.UTF_8);
    }

    public static String json(String name) {
        return switch (name) {
            case "OFFER" -> OFFER_JSON;
            case "CANDIDATE" -> CANDIDATE_JSON;
            default -> throw new IllegalArgumentException(name);
        };
    }
}
