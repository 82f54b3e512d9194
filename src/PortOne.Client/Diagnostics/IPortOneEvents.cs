namespace PortOne.Diagnostics
{
    /// <summary>
    /// What the client tells its host (the cmdlets turn these into Verbose, Progress and Error records).
    /// RequestCompleted and RetryScheduled may be called from any thread; PageRead and NonTerminatingError are called on the
    /// thread that enumerates payments.
    /// </summary>
    public interface IPortOneEvents
    {
        /// <summary>A request ended, with an answer or without one.</summary>
        void RequestCompleted(RequestInfo request);
        /// <summary>A request failed transiently and will be tried again after a delay.</summary>
        void RetryScheduled(RetryInfo retry);
        /// <summary>A page of payments was read (once per page).</summary>
        void PageRead(PageProgress progress);
        /// <summary>A problem the read goes on after (PortOne.DataChanged): the cmdlets write it as a non-terminating error.</summary>
        void NonTerminatingError(PortOneException exception);
    }
}
