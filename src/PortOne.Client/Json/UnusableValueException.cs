using System.Text.Json;

namespace PortOne.Json
{
    /// <summary>
    /// A value that parses as JSON but cannot mean what its field says (a timestamp no date can hold). A JsonException,
    /// so the serializer adds where it is (Path: $.response.list[3].paid_at) before the transport names the request.
    /// </summary>
    internal sealed class UnusableValueException : JsonException
    {
        public UnusableValueException(string reason) : base(reason)
        {
            Reason = reason;
        }

        public string Reason { get; }
    }
}
