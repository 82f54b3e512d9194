using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PortOne.Json
{
    /// <summary>Unix seconds to a local date-time; 0 (PortOne's "not in that state") and null become null.</summary>
    internal sealed class UnixTimeConverter : JsonConverter<DateTimeOffset?>
    {
        public override bool HandleNull => true;

        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonTokens.ReadUnixTime(ref reader);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value?.ToUnixTimeSeconds() ?? 0);
    }
}
