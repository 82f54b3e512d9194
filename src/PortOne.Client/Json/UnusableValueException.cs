using System.Text.Json;

namespace PortOne.Json
{
    /// <summary>
    /// A value that parses as JSON but cannot mean what its field says (a timestamp no date can hold). A JsonException,
    /// so the serializer adds where the payment is (Path: $.response.list[3]); <see cref="Member"/> says where in the
    /// payment (paid_at, cancel_history[0].cancelled_at), and the transport names both and the request.
    /// </summary>
    internal sealed class UnusableValueException : JsonException
    {
        public UnusableValueException(string reason, string? member = null) : base(reason)
        {
            Reason = reason;
            Member = member;
        }

        public string Reason { get; }

        /// <summary>The field within the object the serializer's Path names, or null where the Path is the field itself.</summary>
        public string? Member { get; }

        /// <summary>Where the value is, for a message: the serializer's Path followed by the member.</summary>
        public string Where => Member == null ? Path ?? "$" : Join(Path ?? "$", Member);

        /// <summary>The same failure, one level further out: inside <paramref name="outer"/> (a field name, or "[i]" for a list item).</summary>
        public UnusableValueException Within(string outer) =>
            new UnusableValueException(Reason, Member == null ? outer : Join(outer, Member));

        /// <summary>A member after its path: "$.list[3]" and "amount" make "$.list[3].amount"; an index "[2]" goes on without a dot.</summary>
        private static string Join(string path, string member) =>
            path + (member.StartsWith("[", System.StringComparison.Ordinal) ? "" : ".") + member;
    }
}
