using System;
using System.Collections.Generic;

namespace PortOne.Emulator.Data;

/// <summary>
/// Every state a payment entered after start-up (churn), in order: the truth that resumable exports are checked
/// against. Guarded by the store's lock (written under the write lock, read under the read lock). Keeps the last
/// <see cref="Capacity"/> changes.
/// </summary>
internal sealed class ChangeLog
{
    public const int Capacity = 1_000_000;
    private readonly Queue<StateChange> _changes = new();

    /// <summary>Records the state <paramref name="p"/> is in now. Caller holds the write lock.</summary>
    public void Record(Payment p, long now)
    {
        if (_changes.Count == Capacity) _changes.Dequeue();
        long refundedAt = p.Cancels is { Length: > 0 } cancels ? cancels[^1].CancelledAt : 0;
        _changes.Enqueue(new StateChange(p.Id, p.Status, p.WindowTime, refundedAt, now));
    }

    /// <summary>Caller holds a lock.</summary>
    public StateChange[] Snapshot() => _changes.ToArray();
}

/// <summary>A payment entered <paramref name="Status"/> (at <paramref name="StatusAt"/>, latest refund at <paramref name="RefundedAt"/>, 0 if none) at <paramref name="ChangedAt"/>.</summary>
internal readonly record struct StateChange(int Id, PaymentStatus Status, long StatusAt, long RefundedAt, long ChangedAt);
