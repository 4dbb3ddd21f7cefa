package dev.peerroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MaskedFramesTest {
    private final MessageFactory factory = new MessageFactory();
    private final MaskedFrames frames = new MaskedFrames(factory);
    private final byte[] scratch = new byte[MessageFactory.STAMP_DIGITS];

    @Test
    void aServerDecoderUnmasksExactlyTheMessageFactorysFrame() {
        for (boolean offer : new boolean[] {true, false}) {
            for (int key = 0; key < MaskedFrames.KEYS; key++) {
                long stamp = 1_234_567_890_123_456L + key;
                byte[] tail = MessageFactory.dstTail("bq7zg12p" + key);
                ByteBuf plain = Unpooled.buffer();
                factory.write(plain, offer, tail, stamp, scratch);
                String expected = plain.toString(StandardCharsets.UTF_8);
                plain.release();

                byte[] maskedTail = frames.maskTail(tail, key, offer);
                ByteBuf wire = Unpooled.buffer();
                frames.write(wire, offer, key, maskedTail, stamp, scratch);
                assertThat(wire.readableBytes()).isEqualTo(frames.frameLength(offer, maskedTail.length));
                assertThat(wire.getByte(1) & 0x80).as("mask bit").isEqualTo(0x80);

                // The server side: a decoder that insists on masked client frames.
                EmbeddedChannel server = new EmbeddedChannel(new WebSocket08FrameDecoder(true, false, 1 << 20));
                server.writeInbound(wire);
                TextWebSocketFrame frame = server.readInbound();
                try {
                    assertThat(frame.isFinalFragment()).isTrue();
                    assertThat(frame.text()).isEqualTo(expected);
                    assertThat(MessageFactory.parseStamp(frame.content())).isEqualTo(stamp);
                } finally {
                    frame.release();
                    server.finishAndReleaseAll();
                }
            }
        }
    }

    @Test
    void keysHaveNoZeroByte() {
        for (int i = 0; i < 1000; i++) {
            assertThat(MaskedFrames.keyFor(i)).isBetween(0, MaskedFrames.KEYS - 1);
        }
        byte[] masked = MaskedFrames.mask(new byte[64], 0, new byte[] {1, 2, 3, 4});
        assertThat(masked[0]).isEqualTo((byte) 1);
        assertThat(masked[5]).isEqualTo((byte) 2);
        assertThat(MaskedFrames.mask(new byte[] {0}, 3, new byte[] {1, 2, 3, 4})[0]).isEqualTo((byte) 4);
    }
}
