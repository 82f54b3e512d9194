namespace PortOne
{
    /// <summary>The one mapping from a condition to its error id.</summary>
    public static class PortOneErrorKindExtensions
    {
        /// <summary>The stable FullyQualifiedErrorId prefix scripts match on, such as PortOne.NotFound.</summary>
        public static string ToErrorId(this PortOneErrorKind kind) => "PortOne." + kind;
    }
}
