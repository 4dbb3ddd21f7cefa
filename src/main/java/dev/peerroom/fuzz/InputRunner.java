package dev.peerroom.fuzz;

import dev.peerroom.fuzz.Input.Ending;
import dev.peerroom.fuzz.ProbeSocket.Frame;
import dev.peerroom.fuzz.ProbeSocket.Outcome;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Plays one {@link Input} on its own connection and records, in the {@link Tally}, how the server
 * answered: HTTP status, join outcome, ERROR codes, close code, or silence, a close or a reset.
 */
final class InputRunner {
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    /** After the server's last frame, how long a quiet socket is given before the answer is taken as complete. */
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    private final FuzzTarget target;
    private final long answerNanos;
    private final Tally tally;

    InputRunner(FuzzTarget target, long answerMillis, Tally tally) {
        this.target = target;
        this.answerNanos = TimeUnit.MILLISECONDS.toNanos(answerMillis);
        this.tally = tally;
    }

    void run(Input input) throws InterruptedException {
        Answer answer = new Answer(input.category());
        ProbeSocket socket;
        try {
            socket = ProbeSocket.connect(target, CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            answer.add("connect failed");
            tally.record(input, answer, false);
            return;
        }
        try {
            boolean joined = !input.category().upgraded || join(socket, input, answer);
            if (joined && write(socket, input, answer)) {
                answer(socket, input, answer);
            }
        } finally {
            finish(socket, input.ending());
        }
        tally.record(input, answer, true);
    }

    /** The upgrade and the server's first frame; false when there is no socket to fuzz any more. */
    private boolean join(ProbeSocket socket, Input input, Answer answer) {
        try {
            socket.write(target.upgradeRequest(new SplittableRandom(input.index()), input.path()));
        } catch (IOException e) {
            answer.add("upgrade write failed");
            return false;
        }
        long deadline = System.nanoTime() + 4 * answerNanos;
        int status = socket.readHttpStatus(deadline);
        if (status != 101) {
            answer.add(status > 0 ? "upgrade: http " + status : "upgrade: " + socket.lastOutcome());
            return false;
        }
        Frame first = socket.readFrame(deadline);
        answer.add("join: " + (first == null ? socket.lastOutcome() : Answer.describe(first)));
        return true;
    }

    /** Writes the input; false when the server cut the connection first (recorded). */
    private boolean write(ProbeSocket socket, Input input, Answer answer) throws InterruptedException {
        for (byte[] chunk : input.writes()) {
            try {
                socket.write(chunk);
            } catch (IOException e) {
                answer.add("write refused (connection closed or reset)");
                return false;
            }
            if (input.pauseMillis() > 0) {
                Thread.sleep(input.pauseMillis());
            }
        }
        return true;
    }

    /** Reads the server's answer, unless the input leaves at once. */
    private void answer(ProbeSocket socket, Input input, Answer answer) {
        Ending ending = input.ending();
        if (ending == Ending.DROP_NOW || ending == Ending.RESET_NOW) {
            answer.add("left without reading");
            return;
        }
        if (ending == Ending.HALF_CLOSE_THEN_AWAIT) {
            socket.shutdownOutput();
        }
        boolean http = !input.category().upgraded;
        if (http) {
            int status = socket.readHttpStatus(System.nanoTime() + answerNanos);
            if (status != 101) {
                answer.add(status > 0 ? "http " + status : status == 0 ? "not HTTP" : "http: " + socket.lastOutcome());
                return;
            }
            answer.add("http 101");
        }
        readFrames(socket, answer);
    }

    /** Frames until the server's close, the end of the stream, or a quiet spell after the deadline. */
    private void readFrames(ProbeSocket socket, Answer answer) {
        long deadline = System.nanoTime() + answerNanos;
        boolean any = false;
        while (true) {
            Frame f = socket.readFrame(any ? Math.min(deadline, System.nanoTime() + QUIET_NANOS) : deadline);
            if (f == null) {
                Outcome o = socket.lastOutcome();
                answer.add(o == Outcome.TIMEOUT ? (any ? "then quiet" : "no answer") : o == Outcome.EOF ? "eof" : "reset");
                return;
            }
            any = true;
            answer.add(Answer.describe(f));
            if (f.opcode() == WsFrames.CLOSE) {
                answer.closed();
                return;
            }
        }
    }

    private void finish(ProbeSocket socket, Ending ending) {
        switch (ending) {
            case AWAIT_THEN_RESET, RESET_NOW -> socket.reset();
            case AWAIT_THEN_CLOSE_FRAME -> {
                try {
                    socket.write(WsFrames.frame(new SplittableRandom(), WsFrames.CLOSE, true,
                            WsFrames.closePayload(1000, new byte[0])));
                    socket.readFrame(System.nanoTime() + QUIET_NANOS);
                } catch (IOException ignored) {
                    // already closed by the server
                }
                socket.close();
            }
            default -> socket.close();
        }
    }
}
