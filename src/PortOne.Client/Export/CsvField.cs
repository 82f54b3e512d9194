using System;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using PortOne.Json;

namespace PortOne.Export
{
    /// <summary>
    /// Writes the fields of one CSV row (RFC 4180): separated by commas, quoted only where a field holds a comma, a
    /// quote or a line break (quotes doubled), rows ended by CRLF. Money in the invariant culture; times in ISO 8601
    /// with their offset (yyyy-MM-ddTHH:mm:ss+09:00), in local time or in UTC; an absent value is an empty field.
    /// Compiled optimised at once (Jit.Optimized): it runs for every field of every row.
    /// </summary>
    internal sealed class CsvField
    {
        private static readonly char[] NeedsQuotes = { ',', '"', '\r', '\n' };
        private readonly TextWriter _writer;
        private readonly bool _asUtc;
        private readonly char[] _time = new char[25];
        private bool _rowStarted;

        public CsvField(TextWriter writer, bool asUtc)
        {
            _writer = writer;
            _asUtc = asUtc;
        }

        [MethodImpl(Jit.Optimized)]
        public void Text(string? value)
        {
            Separate();
            if (string.IsNullOrEmpty(value)) return;
            if (value!.IndexOfAny(NeedsQuotes) < 0)
            {
                _writer.Write(value);
                return;
            }
            _writer.Write('"');
            _writer.Write(value.Replace("\"", "\"\""));
            _writer.Write('"');
        }

        [MethodImpl(Jit.Optimized)]
        public void Money(decimal value)
        {
            Separate();
            _writer.Write(value.ToString(CultureInfo.InvariantCulture));
        }

        [MethodImpl(Jit.Optimized)]
        public void Integer(long? value)
        {
            Separate();
            if (value.HasValue) _writer.Write(value.Value.ToString(CultureInfo.InvariantCulture));
        }

        [MethodImpl(Jit.Optimized)]
        public void Boolean(bool? value)
        {
            Separate();
            if (value.HasValue) _writer.Write(value.Value ? "true" : "false");
        }

        [MethodImpl(Jit.Optimized)]
        public void Time(DateTimeOffset? value)
        {
            Separate();
            if (!value.HasValue) return;
            DateTimeOffset time = _asUtc ? value.Value.ToUniversalTime() : value.Value.ToLocalTime();
            _writer.Write(_time, 0, FormatTime(time, _time));
        }

        public void EndRow()
        {
            _writer.Write("\r\n");
            _rowStarted = false;
        }

        private void Separate()
        {
            if (_rowStarted) _writer.Write(',');
            _rowStarted = true;
        }

        /// <summary>yyyy-MM-ddTHH:mm:ss+hh:mm into <paramref name="buffer"/> (25 characters), without the culture's formatting.</summary>
        [MethodImpl(Jit.Optimized)]
        internal static int FormatTime(DateTimeOffset time, char[] buffer)
        {
            DateTime clock = time.DateTime;
            Digits(buffer, 0, clock.Year, 4);
            buffer[4] = '-';
            Digits(buffer, 5, clock.Month, 2);
            buffer[7] = '-';
            Digits(buffer, 8, clock.Day, 2);
            buffer[10] = 'T';
            Digits(buffer, 11, clock.Hour, 2);
            buffer[13] = ':';
            Digits(buffer, 14, clock.Minute, 2);
            buffer[16] = ':';
            Digits(buffer, 17, clock.Second, 2);
            int offset = (int)time.Offset.TotalMinutes;
            buffer[19] = offset < 0 ? '-' : '+';
            offset = Math.Abs(offset);
            Digits(buffer, 20, offset / 60, 2);
            buffer[22] = ':';
            Digits(buffer, 23, offset % 60, 2);
            return 25;
        }

        private static void Digits(char[] buffer, int at, int value, int width)
        {
            for (int i = at + width - 1; i >= at; i--)
            {
                buffer[i] = (char)('0' + value % 10);
                value /= 10;
            }
        }
    }
}
