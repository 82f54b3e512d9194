using System;
using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace PortOne.Json
{
    /// <summary>
    /// Lenient token readers: PGs send numbers as strings, booleans as 0/1 and nulls where the spec says
    /// required. A surprising value becomes a default; only a timestamp no date can hold is an error.
    /// </summary>
    internal static class JsonTokens
    {
        [MethodImpl(Jit.Optimized)]
        public static long ReadInt64OrDefault(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    if (reader.TryGetInt64(out long whole)) return whole;
                    return reader.TryGetDouble(out double real) ? (long)real : 0;
                case JsonTokenType.String:
                    return long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed) ? parsed : 0;
                default:
                    reader.Skip();
                    return 0;
            }
        }

        [MethodImpl(Jit.Optimized)]
        public static decimal? ReadDecimal(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    if (reader.TryGetDecimal(out decimal value)) return value;
                    return reader.TryGetDouble(out double real) ? (decimal?)SafeDecimal(real) : null;
                case JsonTokenType.String:
                    return decimal.TryParse(reader.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out decimal parsed)
                        ? parsed : (decimal?)null;
                default:
                    reader.Skip();
                    return null;
            }
        }

        [MethodImpl(Jit.Optimized)]
        public static bool? ReadBoolean(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.True: return true;
                case JsonTokenType.False: return false;
                case JsonTokenType.Number: return reader.TryGetInt64(out long n) ? n != 0 : (bool?)null;
                case JsonTokenType.String:
                    string? text = reader.GetString();
                    if (bool.TryParse(text, out bool b)) return b;
                    if (text == "1") return true;
                    if (text == "0") return false;
                    return null;
                default:
                    reader.Skip();
                    return null;
            }
        }

        // The unix seconds a local date-time can hold, a day inside DateTimeOffset's range so that any time zone fits.
        private const long MinUnixSeconds = -62135596800L + 86400;
        private const long MaxUnixSeconds = 253402300799L - 86400;

        /// <summary>True where <see cref="ReadUnixSeconds"/> takes this number of seconds as it is (0: no time).</summary>
        public static bool IsUnixSeconds(long seconds) => seconds == 0 || (seconds >= MinUnixSeconds && seconds <= MaxUnixSeconds);

        /// <summary>
        /// Unix seconds as a local date-time; 0 (PortOne's "not in that state") and null become null. A number no date
        /// can hold (milliseconds, garbage) is an error, not a guess and not a silent null.
        /// </summary>
        public static DateTimeOffset? ReadUnixTime(ref Utf8JsonReader reader) => ReadUnixSeconds(ref reader)?.ToLocalTime();

        /// <summary>The same time as <see cref="ReadUnixTime"/> in UTC, where converting to local time is left to the caller.</summary>
        [MethodImpl(Jit.Optimized)]
        public static DateTimeOffset? ReadUnixSeconds(ref Utf8JsonReader reader)
        {
            long seconds = ReadInt64OrDefault(ref reader);
            if (seconds == 0) return null;
            // Numbers beyond a long (1e300) were cast to its edges, so they land here too.
            if (seconds < MinUnixSeconds || seconds > MaxUnixSeconds)
            {
                string text = reader.TokenType == JsonTokenType.String ? reader.GetString() ?? ""
                    : Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray());
                bool milliseconds = seconds > MaxUnixSeconds && seconds < 10_000_000_000_000L;
                throw new UnusableValueException($"{text}, not a time in unix seconds" + (milliseconds ? " (it looks like milliseconds)" : ""));
            }
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        /// <summary>An integer that some PGs send as null, as a string or not at all (card_type, card_quota).</summary>
        [MethodImpl(Jit.Optimized)]
        public static int? ReadNullableInt32(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length == 0) return null;
            decimal? value = ReadDecimal(ref reader);
            return value.HasValue && value.Value >= int.MinValue && value.Value <= int.MaxValue ? (int?)(int)value.Value : null;
        }

        /// <summary>The value as text: strings as they are, anything else as its raw JSON.</summary>
        [MethodImpl(Jit.Optimized)]
        public static string? ReadText(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType == JsonTokenType.String) return reader.GetString();
            using (JsonDocument document = JsonDocument.ParseValue(ref reader))
            {
                return document.RootElement.GetRawText();
            }
        }

        /// <summary>The value as an element that outlives the reader's buffer (an unknown field kept for later).</summary>
        public static JsonElement ReadElement(ref Utf8JsonReader reader)
        {
            using (JsonDocument document = JsonDocument.ParseValue(ref reader))
            {
                return document.RootElement.Clone();
            }
        }

        private static decimal? SafeDecimal(double value) =>
            value >= (double)decimal.MinValue && value <= (double)decimal.MaxValue ? (decimal)value : (decimal?)null;
    }
}
