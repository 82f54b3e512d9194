using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using PortOne.Diagnostics;
using PortOne.Errors;

namespace PortOne.Events
{
    /// <summary>
    /// Client events, queued from whatever thread raised them and written by the cmdlet on the pipeline thread
    /// (PowerShell allows Write* from that thread only), in the order they happened, when the cmdlet calls
    /// <see cref="WriteTo"/>: before it writes anything of its own. Progress is one record per page at most; a read not
    /// proven complete becomes a non-terminating error (PortOne.DataChanged).
    /// </summary>
    internal sealed class QueuedEvents : IPortOneEvents
    {
        private const int ProgressId = 0x504F; // "PO": stable, so nested progress from other modules does not collide
        private readonly ConcurrentQueue<object> _queue = new ConcurrentQueue<object>();
        private readonly string _activity;
        private bool _progressShown;
        private int _requests;
        private int _retries;

        public QueuedEvents(string activity)
        {
            _activity = activity;
        }

        public void RequestCompleted(RequestInfo request)
        {
            Interlocked.Increment(ref _requests);
            _queue.Enqueue(new VerboseText(string.Format(CultureInfo.InvariantCulture, "{0} /{1} -> {2} in {3:0} ms{4}{5}",
                request.Method, request.PathAndQuery,
                request.StatusCode == 0 ? "no answer" : request.StatusCode.ToString(CultureInfo.InvariantCulture),
                request.Elapsed.TotalMilliseconds, request.Items.HasValue ? $", {request.Items} payments" : "",
                request.Failure != null ? ": " + request.Failure : "")));
        }

        public void RetryScheduled(RetryInfo retry)
        {
            Interlocked.Increment(ref _retries);
            _queue.Enqueue(new VerboseText(string.Format(CultureInfo.InvariantCulture, "Retry {0} of {1} for /{2} in {3:0.0} s: {4}",
                retry.Attempt, retry.MaxRetries, retry.PathAndQuery, retry.Delay.TotalSeconds, retry.Reason)));
        }

        /// <summary>One line for the end of a command: what it cost.</summary>
        public string Summary(long written, TimeSpan elapsed) =>
            string.Format(CultureInfo.InvariantCulture, "{0} payments written in {1:0.0} s; {2} requests, {3} retries.",
                written, elapsed.TotalSeconds, Volatile.Read(ref _requests), Volatile.Read(ref _retries));

        /// <summary>
        /// One bar for the whole command: payments written of the total of every window (once each was counted), the
        /// window as the status text; the count never passes the total and never goes back.
        /// </summary>
        public void PageRead(PageProgress progress)
        {
            string written = progress.Total is long total
                ? string.Format(CultureInfo.CurrentCulture, "{0:N0} of {1:N0} payments", progress.Written, total)
                : string.Format(CultureInfo.CurrentCulture, "{0:N0} payments", progress.Written);
            var record = new ProgressRecord(ProgressId, _activity, written);
            if (progress.Rereading)
            {
                record.CurrentOperation = string.Format(CultureInfo.CurrentCulture,
                    "reading {0:g} - {1:g} again for payments whose status changed meanwhile",
                    progress.WindowFrom, progress.WindowTo);
            }
            else if (progress.WindowCount > 1)
            {
                record.CurrentOperation = string.Format(CultureInfo.CurrentCulture, "window {0} of {1}: {2:d} - {3:d}",
                    progress.WindowNumber, progress.WindowCount, progress.WindowFrom, progress.WindowTo);
            }
            if (progress.Total is long all && all > 0)
            {
                record.PercentComplete = (int)System.Math.Min(100, 100 * progress.Written / all);
            }
            _queue.Enqueue(record);
        }

        public void CompletenessUnproven(PortOneException exception) => _queue.Enqueue(exception);

        /// <summary>Writes everything queued so far through <paramref name="cmdlet"/>. Call on the pipeline thread only.</summary>
        public void WriteTo(Cmdlet cmdlet)
        {
            while (_queue.TryDequeue(out object? item))
            {
                switch (item)
                {
                    case VerboseText verbose: cmdlet.WriteVerbose(verbose.Text); break;
                    case PortOneException error: cmdlet.WriteError(ErrorRecords.From(error, null, null)); break;
                    case ProgressRecord progress:
                        _progressShown = true;
                        cmdlet.WriteProgress(progress);
                        break;
                }
            }
        }

        /// <summary>Closes the progress bar if one was shown.</summary>
        public void CompleteProgress(Cmdlet cmdlet)
        {
            WriteTo(cmdlet);
            if (!_progressShown) return;
            _progressShown = false;
            cmdlet.WriteProgress(new ProgressRecord(ProgressId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        private sealed class VerboseText
        {
            public VerboseText(string text) => Text = text;
            public string Text { get; }
        }
    }
}
