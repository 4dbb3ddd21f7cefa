package dev.peerroom.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The PeerJS frames the generator sends, pre-encoded once. A frame is a shared body (OFFER or
 * CANDIDATE, without {@code dst}) followed by a per-destination tail {@code ,"dst":"<id>"}}.
 * The send time travels in the PeerJS connection id, {@code dc_<16 digits>}: the digits are the
 * only bytes rewritten per message, and the receiver finds them again with a byte scan.
 */
public final class MessageFactory {
    /** Digits of the timestamp: nanoseconds since the run's epoch, enough for 115 days. */
    public static final int STAMP_DIGITS = 16;
    static final byte[] MARKER = "\"connectionId\":\"dc_".getBytes(StandardCharsets.US_ASCII);
    static final byte[] HEARTBEAT = "{\"type\":\"HEARTBEAT\"}".getBytes(StandardCharsets.US_ASCII);

    /** A data-channel offer as Chrome writes it (audio, video and data sections); the OFFER frame is ~2.5 KB. */
    static final String SDP = String.join("\r\n",
            "v=0",
            "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0 1 2",
            "a=extmap-allow-mixed",
            "a=msid-semantic: WMS 3c9ac1a2-5d1b-4a5e-9a57-0f5b1f0e7c61",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111 9 0 8 13 110 126",
            "c=IN IP4 0.0.0.0",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=ice-ufrag:abcd",
            "a=ice-pwd:Xq3pV0cLr1i7mYkB2tUe9wHs",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:"
                    + "F0:A1:58:D0:A1:2C:19:08",
            "a=setup:actpass",
            "a=mid:0",
            "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
            "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
            "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
            "a=sendrecv",
            "a=msid:3c9ac1a2-5d1b-4a5e-9a57-0f5b1f0e7c61 7d2e4b1c-0a9f-4c3e-8b6d-2f1e0c9b8a71",
            "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2",
            "a=rtcp-fb:111 transport-cc",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=rtpmap:9 G722/8000",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:13 CN/8000",
            "a=rtpmap:110 telephone-event/48000",
            "a=rtpmap:126 telephone-event/8000",
            "a=ssrc:1001348211 cname:Yq0bO2kQeJ7x9mZr",
            "a=ssrc:1001348211 msid:3c9ac1a2-5d1b-4a5e-9a57-0f5b1f0e7c61 7d2e4b1c-0a9f-4c3e-8b6d-2f1e0c9b8a71",
            "m=video 9 UDP/TLS/RTP/SAVPF 96 97",
            "c=IN IP4 0.0.0.0",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=ice-ufrag:abcd",
            "a=ice-pwd:Xq3pV0cLr1i7mYkB2tUe9wHs",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:"
                    + "F0:A1:58:D0:A1:2C:19:08",
            "a=setup:actpass",
            "a=mid:1",
            "a=sendrecv",
            "a=rtcp-mux",
            "a=rtcp-rsize",
            "a=rtpmap:96 VP8/90000",
            "a=rtcp-fb:96 transport-cc",
            "a=rtcp-fb:96 nack",
            "a=rtcp-fb:96 nack pli",
            "a=rtpmap:97 rtx/90000",
            "a=fmtp:97 apt=96",
            "a=ssrc-group:FID 2231627014 632943048",
            "a=ssrc:2231627014 cname:Yq0bO2kQeJ7x9mZr",
            "a=ssrc:632943048 cname:Yq0bO2kQeJ7x9mZr",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
            "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:abcd",
            "a=ice-pwd:Xq3pV0cLr1i7mYkB2tUe9wHs",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:"
                    + "F0:A1:58:D0:A1:2C:19:08",
            "a=setup:actpass",
            "a=mid:2",
            "a=sctp-port:5000",
            "a=max-message-size:262144",
            "");

    private static final String ZEROS = "0".repeat(STAMP_DIGITS);

    /** A pre-encoded body with the offsets of its timestamp digits. */
    static final class Template {
        final byte[] bytes;
        final int[] stampOffsets;

        Template(String text) {
            this.bytes = text.getBytes(StandardCharsets.UTF_8);
            String needle = "dc_" + ZEROS;
            int count = 0;
            for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
                count++;
            }
            this.stampOffsets = new int[count];
            int k = 0;
            for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
                stampOffsets[k++] = i + 3; // ASCII only before the digits
            }
        }
    }

    final Template offer;
    final Template candidate;

    public MessageFactory() {
        String id = "dc_" + ZEROS;
        this.offer = new Template("{\"type\":\"OFFER\",\"payload\":{\"sdp\":{\"type\":\"offer\",\"sdp\":\""
                + SDP.replace("\r", "\\r").replace("\n", "\\n") + "\"},\"type\":\"data\",\"connectionId\":\"" + id
                + "\",\"label\":\"" + id + "\",\"reliable\":true,\"serialization\":\"binary\"}");
        this.candidate = new Template("{\"type\":\"CANDIDATE\",\"payload\":{\"candidate\":{\"candidate\":"
                + "\"candidate:842163049 1 udp 1677729535 192.0.2.10 53412 typ srflx raddr 0.0.0.0 rport 0 "
                + "generation 0 ufrag abcd network-cost 999\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,"
                + "\"usernameFragment\":\"abcd\"},\"type\":\"data\",\"connectionId\":\"" + id + "\"}");
    }

    /** The tail that closes a frame for one destination: {@code ,"dst":"<id>"}}. */
    public static byte[] dstTail(String dst) {
        return (",\"dst\":\"" + dst + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** Size of a frame for a tail, to size the buffer exactly. */
    public int frameLength(boolean isOffer, byte[] dstTail) {
        return (isOffer ? offer : candidate).bytes.length + dstTail.length;
    }

    /**
     * Writes one OFFER or CANDIDATE into {@code out}, with {@code stamp} (0 to 10^16-1) as the
     * connection id's digits. {@code scratch} is a caller-owned array of {@link #STAMP_DIGITS}.
     */
    public void write(ByteBuf out, boolean isOffer, byte[] dstTail, long stamp, byte[] scratch) {
        Template t = isOffer ? offer : candidate;
        int base = out.writerIndex();
        out.writeBytes(t.bytes);
        out.writeBytes(dstTail);
        long v = stamp;
        for (int i = STAMP_DIGITS - 1; i >= 0; i--) {
            scratch[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        for (int off : t.stampOffsets) {
            out.setBytes(base + off, scratch, 0, STAMP_DIGITS);
        }
    }

    /**
     * Finds the stamp in a relayed frame: the digits after the last {@code "connectionId":"dc_}.
     * The connection id sits near the end of the payload, and the payload is the last key both
     * PeerRoom and peerjs-server write, so the scan goes backwards. Returns -1 when absent.
     */
    public static long parseStamp(ByteBuf buf) {
        int start = buf.readerIndex();
        int last = buf.writerIndex() - MARKER.length;
        byte first = MARKER[0];
        for (int i = last; i >= start; i--) {
            if (buf.getByte(i) != first || !matchesAt(buf, i)) {
                continue;
            }
            int p = i + MARKER.length;
            int end = buf.writerIndex();
            long value = 0;
            int digits = 0;
            while (p < end && digits < 19) {
                byte b = buf.getByte(p);
                if (b < '0' || b > '9') {
                    break;
                }
                value = value * 10 + (b - '0');
                digits++;
                p++;
            }
            return digits == 0 ? -1 : value;
        }
        return -1;
    }

    private static boolean matchesAt(ByteBuf buf, int at) {
        for (int j = 1; j < MARKER.length; j++) {
            if (buf.getByte(at + j) != MARKER[j]) {
                return false;
            }
        }
        return true;
    }

    /** The {@code type} of a server frame, by its first letters (the frames start {"type":"X). */
    public static Kind classify(ByteBuf buf) {
        int r = buf.readerIndex();
        int at = r + 9; // after {"type":"
        if (buf.writerIndex() < at + 2 || buf.getByte(r + 2) != 't' || buf.getByte(at - 1) != '"') {
            return Kind.OTHER;
        }
        byte a = buf.getByte(at);
        byte b = buf.getByte(at + 1);
        switch (a) {
            case 'O':
                return b == 'F' ? Kind.RELAYED : b == 'P' ? Kind.OPEN : Kind.OTHER;
            case 'C':
            case 'A':
                return Kind.RELAYED;
            case 'E':
                return b == 'R' ? Kind.ERROR : b == 'X' ? Kind.EXPIRE : Kind.OTHER;
            case 'I':
                return Kind.ERROR; // ID-TAKEN
            case 'L':
                return Kind.LEAVE;
            default:
                return Kind.OTHER;
        }
    }

    /** Server frame types as the generator cares about them. */
    public enum Kind { OPEN, RELAYED, ERROR, EXPIRE, LEAVE, OTHER }
}
