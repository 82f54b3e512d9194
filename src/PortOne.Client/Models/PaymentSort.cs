namespace PortOne
{
    /// <summary>The six orders the API can sort by (its `sorting` parameter).</summary>
    public enum PaymentSort
    {
        StartedDescending,
        StartedAscending,
        PaidDescending,
        PaidAscending,
        UpdatedDescending,
        UpdatedAscending,
    }
}
