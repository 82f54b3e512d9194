using System;

namespace PortOne.Diagnostics
{
    /// <summary>
    /// What the client tells its host (the cmdlets turn these into Verbose, Progress and Error records).
    /// RequestCompleted and RetryScheduled may be called from any thread; PageRead and NonTerminatingError are called on the
    /// thread that enumerates payments.
    /// </summary>
    public interface IPortOneEvents
    {
        void RequestCompleted(RequestInfo request);
        void RetryScheduled(RetryInfo retry);
        void PageRead(PageProgress progress);
        /// <summary>A problem the read goes on after (PortOne.DataChanged): the cmdlets write it as a non-terminating error.</summary>
        void NonTerminatingError(PortOneException error);
    }

    public sealed class NullPortOneEvents : IPortOneEvents
    {
        public static readonly NullPortOneEvents Instance = new NullPortOneEvents();
        public void RequestCompleted(RequestInfo request) { }
        public void RetryScheduled(RetryInfo retry) { }
        public void PageRead(PageProgress progress) { }
        public void NonTerminatingError(PortOneException error) { }
    }

    public sealed class RequestInfo
    {
        public RequestInfo(string method, string pathAndQuery, int statusCode, TimeSpan elapsed, int? items)
        {
            Method = method;
            PathAndQuery = pathAndQuery;
            StatusCode = statusCode;
            Elapsed = elapsed;
            Items = items;
        }

        public string Method { get; }
        public string PathAndQuery { get; }
        /// <summary>0 when no answer came (connection error or timeout).</summary>
        public int StatusCode { get; }
        public TimeSpan Elapsed { get; }
        public int? Items { get; }
    }

    public sealed class RetryInfo
    {
        public RetryInfo(string pathAndQuery, int attempt, int maxRetries, TimeSpan delay, string reason)
        {
            PathAndQuery = pathAndQuery;
            Attempt = attempt;
            MaxRetries = maxRetries;
            Delay = delay;
            Reason = reason;
        }

        public string PathAndQuery { get; }
        /// <summary>1 for the first retry.</summary>
        public int Attempt { get; }
        public int MaxRetries { get; }
        public TimeSpan Delay { get; }
        public string Reason { get; }
    }

    public sealed class PageProgress
    {
        public int WindowNumber { get; set; }
        public int WindowCount { get; set; }
        public DateTimeOffset WindowFrom { get; set; }
        public DateTimeOffset WindowTo { get; set; }
        public int Page { get; set; }
        /// <summary>Pages in this window as far as the last answer's total says (0 if unknown).</summary>
        public int PageCount { get; set; }
        /// <summary>Payments written so far, in all windows.</summary>
        public long Written { get; set; }
        /// <summary>The window's total as the API last said.</summary>
        public long WindowTotal { get; set; }
    }
}
