using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using PortOne.Diagnostics;
using PortOne.Export;
using PortOne.Files;

namespace PortOne.Checkpoints
{
    /// <summary>
    /// One run of a resumable read: every payment state that changed since the last successful run, exactly once.
    /// <list type="bullet">
    /// <item>The first run reads from FirstFrom (default: 90 days back) to now minus the settle lag; each later run from
    /// the last run's end minus the overlap, to now minus the lag.</item>
    /// <item>A state (imp_uid, status, that status's time, latest refund) that an earlier successful run wrote is not
    /// written again: the checkpoint remembers the states written within the overlap, the only time read twice.</item>
    /// <item>With status All or Paid, paid payments of the refund horizon are read too, for partial refunds made in
    /// the run's range: a partial refund leaves a payment paid with its old paid time, outside the range.</item>
    /// <item>The checkpoint moves only in <see cref="Commit()"/>, which the caller calls when everything read was
    /// consumed; a run that fails, stops early or cannot prove its read complete leaves it, so the next run reads
    /// the same time again.</item>
    /// </list>
    /// Start takes the checkpoint's lock, held until Dispose.
    /// </summary>
    public sealed class CheckpointRun : IDisposable
    {
        private readonly PortOneClient _client;
        private readonly CheckpointSettings _settings;
        private readonly CheckpointLock _lock;
        private readonly CheckpointFile? _previous;
        private readonly string _account;
        private readonly long _start;
        private readonly long _from;
        private readonly long _to;
        private readonly HashSet<PaymentState> _remembered;
        private readonly List<PaymentState> _written = new List<PaymentState>();
        private bool _readStarted;

        private CheckpointRun(PortOneClient client, CheckpointSettings settings, CheckpointLock held, CheckpointFile? previous,
            string account, long start, long from, long to)
        {
            _client = client;
            _settings = settings;
            _lock = held;
            _previous = previous;
            _account = account;
            _start = start;
            _from = from;
            _to = to;
            _remembered = new HashSet<PaymentState>(previous?.States ?? Enumerable.Empty<PaymentState>());
        }

        /// <summary>Locks the checkpoint, reads it and fixes this run's range. Throws PortOneException with a Checkpoint* kind.</summary>
        public static CheckpointRun Start(PortOneClient client, CheckpointSettings settings)
        {
            if (client == null) throw new ArgumentNullException(nameof(client));
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            CheckpointLock held = CheckpointLock.Take(settings.Path);
            try
            {
                CheckpointFile? previous = CheckpointFile.Load(settings.Path);
                CheckpointAdmission.CheckNew(previous, settings);
                string account = CheckpointAdmission.AccountOf(client.Options);
                // PortOne's now, not this machine's: a clock ahead of PortOne's would end the run in PortOne's future.
                DateTimeOffset now = settings.Clock?.Invoke() ?? client.PortOneNow();
                long to = (now - settings.SettleLag).ToUnixTimeSeconds();
                long from, start;
                if (previous != null)
                {
                    CheckpointAdmission.Check(previous, settings, account, now);
                    // Never before KeysFrom: states older than that are no longer remembered and would be written twice.
                    from = Math.Max(previous.End - Seconds(settings.Overlap), previous.KeysFrom);
                    start = previous.Start;
                }
                else
                {
                    from = settings.FirstFrom?.ToUnixTimeSeconds() ?? to - (long)PaymentQuery.MaxWindow.TotalSeconds;
                    start = from;
                }
                return new CheckpointRun(client, settings, held, previous, account, start, from, to);
            }
            catch
            {
                held.Dispose();
                throw;
            }
        }

        /// <summary>The checkpoint file (a full path).</summary>
        public string CheckpointPath => _settings.Path;

        /// <summary>True when there was no checkpoint file: the run starts at FirstFrom.</summary>
        public bool IsFirstRun => _previous == null;

        /// <summary>This run's number: one more than the runs that moved the checkpoint so far. An export names its file after it.</summary>
        public long RunNumber => (_previous?.Runs ?? 0) + 1;

        /// <summary>Where this run reads from (inclusive).</summary>
        public DateTimeOffset From => DateTimeOffset.FromUnixTimeSeconds(_from);

        /// <summary>Where this run reads to (inclusive): now minus the settle lag, fixed at Start.</summary>
        public DateTimeOffset To => DateTimeOffset.FromUnixTimeSeconds(_to);

        /// <summary>The end of the last successful run, or null on the first run.</summary>
        public DateTimeOffset? PreviousEnd => _previous == null ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeSeconds(_previous.End);

        /// <summary>True when no time has settled since the last run (or since FirstFrom): nothing to read.</summary>
        public bool HasNothingToRead => _to < _from || (_previous != null && _to <= _previous.End);

        /// <summary>Where the partial-refund read starts (paid time), or null where it does not apply.</summary>
        public DateTimeOffset? RefundScanFrom => RefundScan() is PaymentQuery scan ? scan.From : null;

        /// <summary>States of the last run's overlap that this run does not write again.</summary>
        public int RememberedCount => _remembered.Count;

        /// <summary>States this run found already written by an earlier run, and skipped.</summary>
        public long Skipped { get; private set; }

        /// <summary>Payments this run wrote.</summary>
        public long Written { get; private set; }

        /// <summary>The row of an export file each payment carries (<see cref="PaymentAnnotation.Row"/>); set before Read.</summary>
        internal RowFormat? Rows { get; set; }

        /// <summary>True once Read has been enumerated to its end without a doubt about completeness.</summary>
        public bool ReadToEnd { get; private set; }

        /// <summary>True once the checkpoint was saved (or had nothing to move).</summary>
        public bool Committed { get; private set; }

        /// <summary>
        /// The payments to write, lazily: the states in this run's range that no earlier successful run wrote.
        /// Throws PortOneException (CheckpointNotMoved) at the end if the reader could not prove its read complete.
        /// </summary>
        public IEnumerable<PaymentAnnotation> Read(IPortOneEvents? events, CancellationToken cancellationToken)
        {
            if (_readStarted) throw new InvalidOperationException("A checkpoint run reads once.");
            _readStarted = true;
            return ReadStates(new DoubtWatch(events ?? NullPortOneEvents.Instance), cancellationToken);
        }

        private IEnumerable<PaymentAnnotation> ReadStates(DoubtWatch watch, CancellationToken cancellationToken)
        {
            if (!HasNothingToRead)
            {
                foreach (PaymentAnnotation payment in _client.OpenPayments(MainQuery(), watch, cancellationToken).Read())
                {
                    if (Admit(PaymentState.Of(payment))) yield return payment;
                }
                if (RefundScan() is PaymentQuery scan)
                {
                    // Paid before this range (the main read has the rest): only a refund inside the range is news.
                    foreach (PaymentAnnotation payment in _client.OpenPayments(scan, watch, cancellationToken).Read())
                    {
                        long refunded = PaymentState.LatestRefund(payment);
                        if (refunded >= _from && refunded <= _to && Admit(PaymentState.Of(payment))) yield return payment;
                    }
                }
            }
            if (watch.HasDoubt)
            {
                throw new PortOneException(PortOneErrorKind.CheckpointNotMoved,
                    $"The checkpoint '{_settings.Path}' was not moved: payments changed while {From:u} to {To:u} was read, " +
                    "and the read could not be proven complete. The next run reads the same time again.")
                {
                    CheckpointPath = _settings.Path, RangeFrom = From, RangeTo = To,
                };
            }
            ReadToEnd = true;
        }

        private bool Admit(PaymentState state)
        {
            if (_remembered.Contains(state))
            {
                Skipped++;
                return false;
            }
            Written++;
            if (state.Time >= NextKeysFrom) _written.Add(state);
            return true;
        }

        /// <summary>
        /// Saves the checkpoint at the end of this run's range. Call only when everything Read wrote was consumed;
        /// a run with nothing to read leaves an existing checkpoint as it is.
        /// </summary>
        public void Commit() => Commit(null);

        /// <summary>Commit, telling <paramref name="step"/> of each step of the save (tests stop there as a crash would).</summary>
        internal void Commit(Action<DurableStep>? step)
        {
            if (!ReadToEnd) throw new InvalidOperationException("The checkpoint moves only after the whole read was consumed.");
            if (Committed) return;
            if (_previous == null || !HasNothingToRead)
            {
                // A first run with nothing settled yet still records where it starts: end = from - 1.
                long end = Math.Max(_to, _from - 1);
                long keysFrom = NextKeysFrom;
                var states = _remembered.Where(s => s.Time >= keysFrom).Concat(_written).ToList();
                var saved = new CheckpointFile(_settings.Status.ToApiString(), _account, _start, _from, end, keysFrom, RunNumber, states);
                saved.Save(_settings.Path, step);
            }
            Committed = true;
        }

        /// <summary>Releases the checkpoint's lock; a run not committed leaves the checkpoint as it was.</summary>
        public void Dispose() => _lock.Dispose();

        /// <summary>The next run starts no earlier than this; states from here on are remembered for it.</summary>
        private long NextKeysFrom => Math.Max(Math.Max(_to, _from - 1) - Seconds(_settings.Overlap), _from);

        private PaymentQuery MainQuery() => new PaymentQuery
        {
            Status = _settings.Status,
            From = DateTimeOffset.FromUnixTimeSeconds(_from),
            To = DateTimeOffset.FromUnixTimeSeconds(_to),
            Sort = _settings.Sort,
            PageSize = _settings.PageSize,
            MaxPagesInFlight = _settings.MaxPagesInFlight,
            Rows = Rows,
        };

        /// <summary>Paid payments of the refund horizon paid before this range, oldest first; null where there are none to read.</summary>
        private PaymentQuery? RefundScan()
        {
            if (_settings.RefundHorizon <= TimeSpan.Zero || HasNothingToRead) return null;
            if (_settings.Status != PaymentStatus.All && _settings.Status != PaymentStatus.Paid) return null;
            long scanFrom = _to - Seconds(_settings.RefundHorizon);
            long scanTo = _from - 1;
            if (scanFrom > scanTo) return null;
            return new PaymentQuery
            {
                Status = PaymentStatus.Paid,
                From = DateTimeOffset.FromUnixTimeSeconds(scanFrom),
                To = DateTimeOffset.FromUnixTimeSeconds(scanTo),
                Sort = PaymentSort.PaidAscending,
                PageSize = _settings.PageSize,
                MaxPagesInFlight = _settings.MaxPagesInFlight,
                Rows = Rows,
            };
        }

        private static long Seconds(TimeSpan span) => (long)Math.Floor(span.TotalSeconds);
    }
}
