using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using PortOne.Json;

namespace PortOne.Export
{
    /// <summary>
    /// One CSV row (RFC 4180) being built as UTF-8, column by column in whatever order the payment's JSON has its
    /// fields: each column's bytes go to a slot, and <see cref="ToArray"/> joins them in column order with commas.
    /// A field is quoted only where it holds a comma, a quote or a line break (quotes doubled). Money in the
    /// invariant culture; times in ISO 8601 with their offset (yyyy-MM-ddTHH:mm:ss+09:00). One per thread, reused.
    /// </summary>
    internal sealed class CsvRow
    {
        [ThreadStatic]
        private static CsvRow? _thisThread;

        // What a column holds when the payment has no such field: what the typed payment's default writes.
        private static readonly byte[][] Missing = MissingValues();
        private static readonly byte[] True = Encoding.ASCII.GetBytes("true");
        private static readonly byte[] False = Encoding.ASCII.GetBytes("false");
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        private readonly int[] _start = new int[CsvColumns.Names.Count];
        private readonly int[] _end = new int[CsvColumns.Names.Count];
        // The row each column was last written in: columns with an older number are missing from this one.
        private readonly int[] _writtenIn = new int[CsvColumns.Names.Count];
        private int _row;
        private byte[] _bytes = new byte[1 << 12];
        private byte[] _text = new byte[1 << 10];
        private int _length;

        /// <summary>This thread's row, emptied.</summary>
        public static CsvRow Start()
        {
            CsvRow row = _thisThread ??= new CsvRow();
            row._length = 0;
            row._row++;
            return row;
        }

        /// <summary>A value that needs no quotes (a number, a time, true or false) as it is.</summary>
        [MethodImpl(Jit.Optimized)]
        public void Plain(int column, ReadOnlySpan<byte> value)
        {
            Reserve(value.Length);
            value.CopyTo(_bytes.AsSpan(_length));
            Close(column, _length + value.Length);
        }

        /// <summary>
        /// A JSON string's bytes where it has no escapes: it cannot hold a quote or a line break then (JSON escapes
        /// those), so only a comma makes it quoted.
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        public void UnescapedText(int column, ReadOnlySpan<byte> utf8)
        {
            if (utf8.IndexOf((byte)',') < 0) Plain(column, utf8);
            else Text(column, utf8);
        }

        /// <summary>Text in UTF-8, quoted where it needs it.</summary>
        [MethodImpl(Jit.Optimized)]
        public void Text(int column, ReadOnlySpan<byte> utf8)
        {
            if (utf8.IndexOfAny((byte)',', (byte)'"') < 0 && utf8.IndexOfAny((byte)'\r', (byte)'\n') < 0)
            {
                Plain(column, utf8);
                return;
            }
            Reserve(utf8.Length * 2 + 2);
            int at = _length;
            _bytes[at++] = (byte)'"';
            foreach (byte b in utf8)
            {
                if (b == (byte)'"') _bytes[at++] = b;
                _bytes[at++] = b;
            }
            _bytes[at++] = (byte)'"';
            Close(column, at);
        }

        [MethodImpl(Jit.Optimized)]
        public void Text(int column, string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                Plain(column, default);
                return;
            }
            int most = Utf8.GetMaxByteCount(text!.Length);
            if (_text.Length < most) _text = new byte[Math.Max(most, _text.Length * 2)];
            Text(column, _text.AsSpan(0, Utf8.GetBytes(text, 0, text.Length, _text, 0)));
        }

        public void Money(int column, decimal value) => Ascii(column, value.ToString(CultureInfo.InvariantCulture));

        public void Integer(int column, long? value) => Ascii(column, value?.ToString(CultureInfo.InvariantCulture));

        public void Flag(int column, bool? value) => Plain(column, value.HasValue ? (value.Value ? True : False) : default);

        /// <summary>A time in its own offset (the caller converts it to local time or UTC).</summary>
        [MethodImpl(Jit.Optimized)]
        public void Time(int column, DateTimeOffset? value)
        {
            if (!value.HasValue)
            {
                Plain(column, default);
                return;
            }
            Reserve(25);
            Close(column, _length + FormatTime(value.Value, _bytes, _length));
        }

        /// <summary>The row: its columns in order, separated by commas, without a line end.</summary>
        [MethodImpl(Jit.Optimized)]
        public byte[] ToArray()
        {
            int size = _end.Length - 1;
            for (int c = 0; c < _end.Length; c++) size += _writtenIn[c] == _row ? _end[c] - _start[c] : Missing[c].Length;
            byte[] row = new byte[size];
            int at = 0;
            for (int c = 0; c < _end.Length; c++)
            {
                if (c > 0) row[at++] = (byte)',';
                ReadOnlySpan<byte> value = _writtenIn[c] == _row ? _bytes.AsSpan(_start[c], _end[c] - _start[c]) : Missing[c];
                value.CopyTo(row.AsSpan(at));
                at += value.Length;
            }
            return row;
        }

        /// <summary>yyyy-MM-ddTHH:mm:ss+hh:mm into <paramref name="buffer"/> at <paramref name="at"/> (25 bytes), without the culture's formatting.</summary>
        [MethodImpl(Jit.Optimized)]
        internal static int FormatTime(DateTimeOffset time, byte[] buffer, int at)
        {
            DateTime clock = time.DateTime;
            Digits(buffer, at, clock.Year, 4);
            buffer[at + 4] = (byte)'-';
            Digits(buffer, at + 5, clock.Month, 2);
            buffer[at + 7] = (byte)'-';
            Digits(buffer, at + 8, clock.Day, 2);
            buffer[at + 10] = (byte)'T';
            Digits(buffer, at + 11, clock.Hour, 2);
            buffer[at + 13] = (byte)':';
            Digits(buffer, at + 14, clock.Minute, 2);
            buffer[at + 16] = (byte)':';
            Digits(buffer, at + 17, clock.Second, 2);
            int offset = (int)time.Offset.TotalMinutes;
            buffer[at + 19] = offset < 0 ? (byte)'-' : (byte)'+';
            offset = Math.Abs(offset);
            Digits(buffer, at + 20, offset / 60, 2);
            buffer[at + 22] = (byte)':';
            Digits(buffer, at + 23, offset % 60, 2);
            return 25;
        }

        private static void Digits(byte[] buffer, int at, int value, int width)
        {
            for (int i = at + width - 1; i >= at; i--)
            {
                buffer[i] = (byte)('0' + value % 10);
                value /= 10;
            }
        }

        [MethodImpl(Jit.Optimized)]
        private void Ascii(int column, string? text)
        {
            int length = text?.Length ?? 0;
            Reserve(length);
            for (int i = 0; i < length; i++) _bytes[_length + i] = (byte)text![i];
            Close(column, _length + length);
        }

        /// <summary>Marks the bytes from the end of the buffer to <paramref name="end"/> as the column's (a repeated field replaces it).</summary>
        private void Close(int column, int end)
        {
            _start[column] = _length;
            _end[column] = end;
            _writtenIn[column] = _row;
            _length = end;
        }

        private void Reserve(int bytes)
        {
            if (_length + bytes > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + bytes));
        }

        private static byte[][] MissingValues()
        {
            var missing = new byte[CsvColumns.Names.Count][];
            for (int c = 0; c < missing.Length; c++) missing[c] = Array.Empty<byte>();
            byte[] zero = { (byte)'0' };
            foreach (CsvField field in CsvColumns.Fields)
            {
                switch (field.Value)
                {
                    case CsvValue.Money: missing[field.Column] = zero; break;
                    case CsvValue.Flag: missing[field.Column] = Encoding.ASCII.GetBytes("false"); break;
                    case CsvValue.CancelHistory:
                    case CsvValue.DepositHistory:
                        missing[field.Column] = zero; // the count
                        missing[field.Column + 1] = zero; // the amount
                        break;
                }
            }
            return missing;
        }
    }
}
