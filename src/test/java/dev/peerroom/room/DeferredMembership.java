package dev.peerroom.room;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A membership whose claims are decided at once (as a shared store would) but whose answers reach
 * the room only when the test says so, like a remote engine's round trip.
 */
final class DeferredMembership implements Membership {
    private record Pending(CompletableFuture<Claim> answer, Claim decided) {
    }

    private final LocalMembership delegate = new LocalMembership();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();

    @Override
    public CompletionStage<Claim> claim(String roomId, String peerId, String token, int maxPeers) {
        Claim decided = delegate.claim(roomId, peerId, token, maxPeers).toCompletableFuture().join();
        CompletableFuture<Claim> answer = new CompletableFuture<>();
        pending.add(new Pending(answer, decided));
        return answer;
    }

    /** Delivers the oldest pending answer. */
    void answerNext() {
        Pending p = pending.removeFirst();
        p.answer.complete(p.decided);
    }

    /** The oldest pending answer fails (the store became unreachable). */
    void failNext() {
        pending.removeFirst().answer.completeExceptionally(new IllegalStateException("store unreachable"));
    }

    @Override
    public void release(String roomId, String peerId, String token) {
        delegate.release(roomId, peerId, token);
    }

    @Override
    public CompletionStage<List<String>> members(String roomId) {
        return delegate.members(roomId);
    }

    List<String> membersNow(String roomId) {
        return delegate.members(roomId).toCompletableFuture().join();
    }

    @Override
    public boolean forward(String roomId, String src, String dst, byte[] frame) {
        return false;
    }

    @Override
    public void broadcastRemote(String roomId, String exceptPeer, byte[] frame) {
    }
}
