using System;
using System.Collections.Generic;
using System.Threading;

namespace PortOne.Emulator.Data;

/// <summary>
/// All payments plus their indexes: per status, keys sorted by the time the by-status window filters on; and
/// merchant_uid -> newest payment (older ones chained through <see cref="Payment.NextSameMerchant"/>).
/// Readers (pages, lookups) hold the read lock while they serialize; churn mutates under the write lock.
/// </summary>
internal sealed class PaymentStore
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private Payment[] _items;
    private int _count;
    private readonly SortedKeyList[] _byStatus = new SortedKeyList[4];
    private readonly Dictionary<long, int> _merchantNewest;
    private int _version;

    public PaymentStore(Payment[] items, int count, ImpUidCodec codec, int seed, DataGenerator generator)
    {
        _items = items;
        _count = count;
        Codec = codec;
        Seed = seed;
        Generator = generator;

        var perStatus = new long[4][];
        var counts = new int[4];
        for (int i = 0; i < count; i++) counts[(int)items[i].Status]++;
        for (int s = 0; s < 4; s++) perStatus[s] = new long[Math.Max(16, counts[s])];
        Array.Clear(counts);
        _merchantNewest = new Dictionary<long, int>(count);
        for (int i = 0; i < count; i++)
        {
            Payment p = items[i];
            int s = (int)p.Status;
            perStatus[s][counts[s]++] = SortedKeyList.Compose(p.WindowTime, p.Id);
            IndexMerchant(p);
        }
        for (int s = 0; s < 4; s++) _byStatus[s] = new SortedKeyList(perStatus[s], counts[s]);
    }

    public ImpUidCodec Codec { get; }
    public int Seed { get; }
    public DataGenerator Generator { get; }
    public CustomerPool Customers => Generator.Customers;

    /// <summary>Bumped by every mutation; query caches compare it.</summary>
    public int Version => Volatile.Read(ref _version);
    public int Count => Volatile.Read(ref _count);

    public Payment this[int id] => _items[id];

    /// <summary>Every state change since start-up (churn), for the tests' truth.</summary>
    public ChangeLog Changes { get; } = new();

    public SortedKeyList Index(PaymentStatus s) => _byStatus[(int)s];

    public ReadScope Read() => new(_lock, write: false);
    public ReadScope Write() => new(_lock, write: true);

    /// <summary>Caller holds a lock.</summary>
    public Payment? FindByImpUid(string impUid)
    {
        long id = Codec.Decode(impUid);
        return id >= 0 && id < _count ? _items[id] : null;
    }

    /// <summary>
    /// The first payment with that merchant_uid (and status) in the given order, as PortOne's find does.
    /// Caller holds a lock.
    /// </summary>
    public Payment? FindByMerchant(string merchantUid, PaymentStatus? status, SortField sort, bool descending)
    {
        if (!MerchantUid.TryParse(merchantUid, out long key) || !_merchantNewest.TryGetValue(key, out int id)) return null;
        Payment? best = null;
        for (; id >= 0; id = _items[id].NextSameMerchant)
        {
            Payment p = _items[id];
            if (status is not null && p.Status != status) continue;
            if (best is null) { best = p; continue; }
            long a = p.SortTime(sort), b = best.SortTime(sort);
            bool better = descending ? a > b || (a == b && p.Id > best.Id) : a < b || (a == b && p.Id < best.Id);
            if (better) best = p;
        }
        return best;
    }

    /// <summary>Changes a payment in place and re-files it under its (new) status and window time. Write lock held.</summary>
    public void Mutate(Payment p, Action<Payment> change)
    {
        if (!_byStatus[(int)p.Status].Remove(SortedKeyList.Compose(p.WindowTime, p.Id)))
            throw new InvalidOperationException("index out of sync");
        change(p);
        _byStatus[(int)p.Status].Insert(SortedKeyList.Compose(p.WindowTime, p.Id));
        Changes.Record(p, Clock.NowUnix());
        _version++;
    }

    /// <summary>True once a cancelled or failed payment's "updated" was moved past its status time (a touch).</summary>
    public bool Touched { get; private set; }

    /// <summary>
    /// Moves a cancelled or failed payment's "updated" to <paramref name="at"/> (later only): PortOne changes a record
    /// after its last status change. Not a new state: status and status time stay, so the change log is not written.
    /// Write lock held.
    /// </summary>
    public void Touch(Payment p, long at)
    {
        if (p.Status is not (PaymentStatus.Cancelled or PaymentStatus.Failed)) throw new InvalidOperationException("only cancelled or failed payments are touched");
        if (at <= p.UpdatedAt) return;
        p.UpdatedAt = at;
        Touched = true;
        _version++;
    }

    /// <summary>Adds a payment created by churn; its id must be <see cref="Count"/>. Write lock held.</summary>
    public void Add(Payment p)
    {
        if (p.Id != _count) throw new InvalidOperationException("ids are dense");
        if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[_count] = p;
        _byStatus[(int)p.Status].Insert(SortedKeyList.Compose(p.WindowTime, p.Id));
        IndexMerchant(p);
        Changes.Record(p, Clock.NowUnix());
        Volatile.Write(ref _count, _count + 1);
        _version++;
    }

    private void IndexMerchant(Payment p)
    {
        long key = MerchantUid.Key(p.MerchantDay, p.MerchantSeq);
        if (_merchantNewest.TryGetValue(key, out int older)) p.NextSameMerchant = older;
        _merchantNewest[key] = p.Id;
    }

    /// <summary>using-scope for the reader/writer lock (never held across an await).</summary>
    public readonly struct ReadScope : IDisposable
    {
        private readonly ReaderWriterLockSlim _lock;
        private readonly bool _write;

        public ReadScope(ReaderWriterLockSlim l, bool write)
        {
            _lock = l;
            _write = write;
            if (write) l.EnterWriteLock(); else l.EnterReadLock();
        }

        public void Dispose()
        {
            if (_write) _lock.ExitWriteLock(); else _lock.ExitReadLock();
        }
    }
}
