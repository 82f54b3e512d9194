using System;

namespace PortOne.Checkpoints
{
    /// <summary>How a resumable read (see <see cref="CheckpointRun"/>) finds its range and what it reads.</summary>
    public sealed class CheckpointSettings
    {
        /// <summary>A minute: PortOne's records settle within seconds, and this machine's clock may be a little ahead.</summary>
        public static readonly TimeSpan DefaultSettleLag = TimeSpan.FromMinutes(1);

        /// <summary>Ten minutes re-read at the start of each run, for records PortOne writes with an earlier time.</summary>
        public static readonly TimeSpan DefaultOverlap = TimeSpan.FromMinutes(10);

        /// <summary>Partial refunds are caught for payments paid within the last 30 days.</summary>
        public static readonly TimeSpan DefaultRefundHorizon = TimeSpan.FromDays(30);

        /// <summary>Settings for the checkpoint file at <paramref name="path"/>, with the defaults below.</summary>
        public CheckpointSettings(string path)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
        }

        /// <summary>The checkpoint file, a full path.</summary>
        public string Path { get; }

        /// <summary>Which payments; a checkpoint serves one status only.</summary>
        public PaymentStatus Status { get; set; } = PaymentStatus.All;

        /// <summary>
        /// Start a new checkpoint: the file must not exist yet. Without it, a missing file is an error (CheckpointMissing),
        /// never a silent new start.
        /// </summary>
        public bool CreateNew { get; set; }

        /// <summary>Where the first run starts (when there is no checkpoint file yet); null for 90 days before its end.</summary>
        public DateTimeOffset? FirstFrom { get; set; }

        /// <summary>Each run reads up to now minus this, so records still being written are left to the next run.</summary>
        public TimeSpan SettleLag { get; set; } = DefaultSettleLag;

        /// <summary>Each run starts this long before the last run's end; states written then are not written again.</summary>
        public TimeSpan Overlap { get; set; } = DefaultOverlap;

        /// <summary>Partial refunds of payments paid within this long before a run's end are written; zero turns that off.</summary>
        public TimeSpan RefundHorizon { get; set; } = DefaultRefundHorizon;

        /// <summary>The order of the main read; oldest first by start time unless set.</summary>
        public PaymentSort Sort { get; set; } = PaymentSort.StartedAscending;

        /// <summary>Payments per page, 1 to 1000.</summary>
        public int PageSize { get; set; } = PaymentQuery.DefaultPageSize;

        /// <summary>Most page requests under way at once.</summary>
        public int MaxPagesInFlight { get; set; } = PaymentQuery.DefaultPagesInFlight;

        /// <summary>
        /// Where "now" comes from; null (the default) for PortOne's clock (<see cref="PortOneClient.PortOneNow"/>).
        /// Tests replace it.
        /// </summary>
        public Func<DateTimeOffset>? Clock { get; set; }
    }
}
