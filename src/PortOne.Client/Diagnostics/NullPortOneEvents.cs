namespace PortOne.Diagnostics
{
    /// <summary>Events nobody listens to: every method does nothing.</summary>
    public sealed class NullPortOneEvents : IPortOneEvents
    {
        /// <summary>The one instance.</summary>
        public static readonly NullPortOneEvents Instance = new NullPortOneEvents();
        /// <inheritdoc/>
        public void RequestCompleted(RequestInfo request) { }
        /// <inheritdoc/>
        public void RetryScheduled(RetryInfo retry) { }
        /// <inheritdoc/>
        public void PageRead(PageProgress progress) { }
        /// <inheritdoc/>
        public void CompletenessUnproven(PortOneException exception) { }
    }
}
