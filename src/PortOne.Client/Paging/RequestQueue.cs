using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Json;

namespace PortOne.Paging
{
    /// <summary>A request sent and not yet read: its answer, and its own cancellation, so abandoning it stops nothing else.</summary>
    internal sealed class SentRequest
    {
        public SentRequest(PageRequest request, Task<PaymentPage> answer, CancellationTokenSource cancellation, bool holdsPayments)
        {
            Request = request;
            Answer = answer;
            Cancellation = cancellation;
            HoldsPayments = holdsPayments;
        }

        /// <summary>False for a one-payment count: its answer is too small to count against the memory bound.</summary>
        public bool HoldsPayments { get; }

        public PageRequest Request { get; }
        public Task<PaymentPage> Answer { get; }
        public CancellationTokenSource Cancellation { get; }
    }

    /// <summary>
    /// The requests of one read that are in flight or answered and not yet read. Running requests bound the load on
    /// PortOne (PaymentQuery.MaxPagesInFlight); answers not yet read bound the memory the read holds. Each request can
    /// be cancelled alone; when the read ends early, whatever is still running is cancelled and waited for, so none
    /// outlives it.
    /// </summary>
    internal sealed class RequestQueue : IDisposable
    {
        /// <summary>How long abandoning waits for cancelled requests to finish.</summary>
        private static readonly TimeSpan CancelWait = TimeSpan.FromSeconds(5);

        private readonly PageSource _source;
        private readonly CancellationToken _readCancellation;
        private readonly HashSet<SentRequest> _unread = new HashSet<SentRequest>();
        private readonly Dictionary<object, long> _held = new Dictionary<object, long>();

        public RequestQueue(PageSource source, int maxRunning, CancellationToken readCancellation)
        {
            _source = source;
            MaxRunning = Math.Max(1, maxRunning);
            _readCancellation = readCancellation;
        }

        /// <summary>Requests in flight at once at most (PaymentQuery.MaxPagesInFlight).</summary>
        public int MaxRunning { get; }

        /// <summary>
        /// Payments held ahead of the output at most, answered or not: the pages that run at once and a few more, of the
        /// largest page, whatever the page size (memory is payments, not pages). So the chains of pages behind the one
        /// being written go on while it is (their pages wait for their turn), and a slice cut again goes out at once;
        /// more would let a read of a million payments grow by more than 100 MB.
        /// </summary>
        public long MaxAhead => (MaxRunning + 4L) * PageRequest.MaxLimit;

        /// <summary>Requests still running.</summary>
        public int Running
        {
            get
            {
                int running = 0;
                foreach (SentRequest sent in _unread) if (!sent.Answer.IsCompleted) running++;
                return running;
            }
        }

        /// <summary>Payments the requests sent and not read yet may bring (their limits).</summary>
        public long Unread
        {
            get
            {
                long unread = 0;
                foreach (SentRequest sent in _unread) if (sent.HoldsPayments) unread += sent.Request.Limit;
                return unread;
            }
        }

        /// <summary>True while another request may go out without passing either bound.</summary>
        public bool HasRoom => Unread + Held < MaxAhead && MayRun;

        /// <summary>True while fewer requests run than may run at once.</summary>
        public bool MayRun => Running < MaxRunning;

        /// <summary>Sends the request once fewer run than may run at once, waiting for one to end where they all run.</summary>
        public SentRequest SendWhenRoom(PageRequest request)
        {
            while (!MayRun) WaitUntilOneMayGo();
            return Send(request);
        }

        /// <summary>Waits until one of the requests running has ended (its answer is read in its turn).</summary>
        public void WaitUntilOneMayGo()
        {
            BeforeWaiting?.Invoke();
            foreach (SentRequest sent in _unread)
            {
                if (sent.Answer.IsCompleted) continue;
                try
                {
                    sent.Answer.Wait();
                }
                catch (AggregateException)
                {
                    // Failed or cancelled: that is for whoever reads it.
                }
                return;
            }
        }

        /// <summary>Payments read and waiting for their turn, in every window reader of the read.</summary>
        private long Held
        {
            get
            {
                long held = 0;
                foreach (long payments in _held.Values) held += payments;
                return held;
            }
        }

        /// <summary>What one window reader holds now (status all reads four side by side, under the read's one bound).</summary>
        public void Holding(object reader, long payments) => _held[reader] = payments;

        public SentRequest Send(PageRequest request)
        {
            _readCancellation.ThrowIfCancellationRequested();
            var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_readCancellation);
            var sent = new SentRequest(request, _source(request, cancellation.Token), cancellation, request.Limit > 1);
            _unread.Add(sent);
            return sent;
        }

        /// <summary>Called before the read waits for an answer that has not come: what else can go on meanwhile does.</summary>
        public Action? BeforeWaiting { get; set; }

        /// <summary>Waits for the answer and checks it against its request (the one place a read waits).</summary>
        public PaymentPage Receive(SentRequest sent)
        {
            if (!sent.Answer.IsCompleted) BeforeWaiting?.Invoke();
            try
            {
                return AnswerCheck.Checked(sent.Request, sent.Answer.GetAwaiter().GetResult());
            }
            finally
            {
                Forget(sent);
            }
        }

        /// <summary>
        /// The answer, or null where PortOne says a later page lies past the end (its range shrank since page 1 was read:
        /// for the caller to read again, not an error).
        /// </summary>
        public PaymentPage? ReceiveUnlessPastTheEnd(SentRequest sent)
        {
            try
            {
                return Receive(sent);
            }
            catch (PortOneException e) when (e.Kind == PortOneErrorKind.ApiError && e.HttpStatus == 400 && sent.Request.Page > 1)
            {
                return null;
            }
        }

        /// <summary>
        /// The answer where it has come, and is good: read ahead of its turn. Null where it has not come, or failed, or
        /// contradicts its request: that is left to surface in its turn, after every payment before it.
        /// </summary>
        public PaymentPage? ReceiveIfGood(SentRequest sent)
        {
            if (sent.Answer.Status != TaskStatus.RanToCompletion) return null;
            PaymentPage page;
            try
            {
                page = AnswerCheck.Checked(sent.Request, sent.Answer.Result);
            }
            catch (PortOneException)
            {
                return null;
            }
            Forget(sent);
            return page;
        }

        /// <summary>Cancels one request nobody will read, and waits (briefly) until it has stopped.</summary>
        public void Abandon(SentRequest sent) => Abandon(new[] { sent });

        /// <summary>Cancels every request not read yet: the read ended early or failed.</summary>
        public void AbandonAll() => Abandon(new List<SentRequest>(_unread));

        private void Abandon(IReadOnlyCollection<SentRequest> requests)
        {
            var running = new List<Task>();
            foreach (SentRequest sent in requests)
            {
                if (!sent.Answer.IsCompleted)
                {
                    sent.Cancellation.Cancel();
                    running.Add(sent.Answer);
                }
            }
            try
            {
                if (running.Count > 0) Task.WaitAll(running.ToArray(), CancelWait);
            }
            catch (AggregateException)
            {
                // Cancelled or failed: either way nobody reads them.
            }
            foreach (SentRequest sent in requests) Forget(sent);
        }

        private void Forget(SentRequest sent)
        {
            if (_unread.Remove(sent)) sent.Cancellation.Dispose();
        }

        public void Dispose() => AbandonAll();
    }
}
