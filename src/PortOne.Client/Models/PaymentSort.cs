namespace PortOne
{
    /// <summary>The six orders the API can sort by (its `sorting` parameter).</summary>
    public enum PaymentSort
    {
        /// <summary>By start time (when the payment window opened), newest first: the API's -started, its own default.</summary>
        StartedDescending,
        /// <summary>By start time, oldest first (started).</summary>
        StartedAscending,
        /// <summary>By paid time, newest first (-paid).</summary>
        PaidDescending,
        /// <summary>By paid time, oldest first (paid).</summary>
        PaidAscending,
        /// <summary>By last update (every status change updates it), newest first (-updated).</summary>
        UpdatedDescending,
        /// <summary>By last update, oldest first (updated).</summary>
        UpdatedAscending,
    }
}
