namespace PortOne.Diagnostics
{
    /// <summary>
    /// What the client tells its host while it works: requests, retries, pages, and reads it could not prove complete.
    /// RequestCompleted and RetryScheduled may be called from any thread; PageRead and CompletenessUnproven are called on
    /// the thread that enumerates payments.
    /// </summary>
    public interface IPortOneEvents
    {
        /// <summary>A request ended, with an answer or without one.</summary>
        void RequestCompleted(RequestInfo request);
        /// <summary>A request failed transiently and will be tried again after a delay.</summary>
        void RetryScheduled(RetryInfo retry);
        /// <summary>A page of payments was read (once per page).</summary>
        void PageRead(PageProgress progress);
        /// <summary>
        /// Payments changed while they were read, and the read could not prove that none is missing
        /// (<see cref="PortOneErrorKind.DataChanged"/>, with the range concerned). The read goes on; a host that promises
        /// complete results must report it as a failure.
        /// </summary>
        void CompletenessUnproven(PortOneException exception);
    }
}
