package dev.peerroom.integration;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;

/**
 * Hand-made TLS ClientHello records, to offer a server a protocol version the JDK's own client
 * refuses to speak (it disables TLS 1.0 and 1.1): only then does a test show what the server
 * does, whatever the JDK's defaults. The same hello with version 1.2 is the control that the
 * bytes are a valid hello.
 */
final class ClientHellos {
    static final int TLS_1_0 = 0x0301;
    static final int TLS_1_1 = 0x0302;
    static final int TLS_1_2 = 0x0303;

    static final int RECORD_HANDSHAKE = 22;
    static final int RECORD_ALERT = 21;

    /** ECDHE with ECDSA and RSA, GCM and the CBC suites TLS 1.0 and 1.1 used, and the renegotiation SCSV. */
    static final int[] SUITES = {0xC02B, 0xC02F, 0xC009, 0xC013, 0xC00A, 0xC014, 0x002F, 0x0035, 0x00FF};
    /** CBC with SHA-1 (ECDHE and static RSA) and static RSA with GCM: what older TLS 1.2 clients offer. */
    static final int[] WEAK_SUITES = {0xC009, 0xC013, 0xC00A, 0xC014, 0x002F, 0x0035, 0x009C, 0x00FF};

    private ClientHellos() {
    }

    /** One TLS record holding a ClientHello whose highest version is {@code version}. */
    static byte[] hello(int version) {
        return hello(version, SUITES);
    }

    /** The same, offering only {@code suites}. */
    static byte[] hello(int version, int... suites) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        short16(body, version);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        short16(body, suites.length * 2);
        for (int suite : suites) {
            short16(body, suite);
        }
        body.write(1); // one compression method: none
        body.write(0);
        byte[] extensions = extensions();
        short16(body, extensions.length);
        body.writeBytes(extensions);

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(RECORD_HANDSHAKE);
        short16(record, TLS_1_0); // the record version clients use in their first flight
        short16(record, body.size() + 4);
        record.write(1); // ClientHello
        record.write(0);
        short16(record, body.size());
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }

    private static byte[] extensions() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        extension(out, 0x000a, 0x0004, 0x0017, 0x001d);          // supported_groups: P-256, x25519
        out.writeBytes(new byte[] {0x00, 0x0b, 0x00, 0x02, 0x01, 0x00}); // ec_point_formats: uncompressed
        extension(out, 0x000d, 0x0006, 0x0403, 0x0804, 0x0401);  // signature_algorithms
        out.writeBytes(new byte[] {0x00, 0x17, 0x00, 0x00});      // extended_master_secret
        out.writeBytes(new byte[] {(byte) 0xff, 0x01, 0x00, 0x01, 0x00}); // renegotiation_info, empty
        return out.toByteArray();
    }

    /** An extension whose data is a 16-bit list length followed by 16-bit values. */
    private static void extension(ByteArrayOutputStream out, int type, int listLength, int... values) {
        short16(out, type);
        short16(out, listLength + 2);
        short16(out, listLength);
        for (int v : values) {
            short16(out, v);
        }
    }

    private static void short16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value & 0xff);
    }

    /** The first record the server answers with. */
    static Record readRecord(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int type = data.readUnsignedByte();
        int version = data.readUnsignedShort();
        byte[] body = new byte[data.readUnsignedShort()];
        data.readFully(body);
        return new Record(type, version, body);
    }

    record Record(int type, int version, byte[] body) {
        /** A ServerHello's chosen version (the first handshake message of the record). */
        int serverHelloVersion() {
            if (type != RECORD_HANDSHAKE || body[0] != 2) {
                throw new AssertionError("not a ServerHello: record type " + type + ", first byte " + body[0]);
            }
            return ((body[4] & 0xff) << 8) | (body[5] & 0xff);
        }
    }
}
