using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using PortOne.Json;

namespace PortOne.Export
{
    /// <summary>
    /// Writes the rows of an export file: the encoding's preamble, the CSV header, then each payment's row as the read
    /// made it (<see cref="PaymentAnnotation.Row"/>) and the format's line end (CSV: CRLF, JSON Lines: LF). In UTF-8
    /// (the default) the row's bytes go to the file as they are; another encoding gets them re-encoded. The file itself
    /// is the caller's.
    /// </summary>
    internal sealed class PaymentRowWriter : IDisposable
    {
        /// <summary>Rows are small and each write to the file is a call into the system: they go out 64 KB at a time.</summary>
        private const int BufferSize = 1 << 16;

        private readonly PaymentExportFormat _format;
        private readonly Encoding _encoding;
        private readonly Stream _bytes;
        private readonly StreamWriter? _text;
        private readonly byte[] _lineEnd;

        private PaymentRowWriter(PaymentExportFormat format, Stream stream, Encoding encoding)
        {
            _format = format;
            _encoding = encoding;
            _lineEnd = format == PaymentExportFormat.Csv ? new[] { (byte)'\r', (byte)'\n' } : new[] { (byte)'\n' };
            if (encoding.CodePage == Encoding.UTF8.CodePage) _bytes = new BufferedStream(stream, BufferSize);
            else
            {
                _text = new StreamWriter(stream, encoding, BufferSize, leaveOpen: true);
                _bytes = stream;
            }
        }

        /// <summary>The encoding a format uses unless told otherwise: UTF-8 with a byte order mark for CSV (Excel reads
        /// Korean right only with it), without one for JSON Lines (its parsers expect none).</summary>
        public static Encoding DefaultEncoding(PaymentExportFormat format) =>
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: format == PaymentExportFormat.Csv);

        /// <summary>The file name extension of a format, with its dot.</summary>
        public static string Extension(PaymentExportFormat format) => format == PaymentExportFormat.Csv ? ".csv" : ".jsonl";

        /// <summary>A writer of <paramref name="format"/> onto <paramref name="stream"/>, which stays open for its owner to flush to disk.</summary>
        public static PaymentRowWriter Create(PaymentExportFormat format, Stream stream, Encoding? encoding) =>
            new PaymentRowWriter(format, stream, encoding ?? DefaultEncoding(format));

        /// <summary>Whatever comes before the first payment: the preamble, and for CSV the header row.</summary>
        public void Begin()
        {
            if (_text == null)
            {
                byte[] preamble = _encoding.GetPreamble();
                _bytes.Write(preamble, 0, preamble.Length);
            } // a StreamWriter writes its encoding's preamble itself
            if (_format == PaymentExportFormat.Csv) Write(Encoding.UTF8.GetBytes(string.Join(",", CsvColumns.Names)));
        }

        public void Write(PaymentAnnotation payment) =>
            // A payment read without its row is a bug, not data to guess.
            Write(payment.Row ?? throw new InvalidOperationException($"The payment {payment.ImpUid} was read without its row for the file."));

        /// <summary>Hands everything written to the stream.</summary>
        public void Flush()
        {
            if (_text != null) _text.Flush();
            else _bytes.Flush();
        }

        // The BufferedStream is not disposed: that would close the file its owner still has to flush to disk.
        public void Dispose() => _text?.Dispose();

        [MethodImpl(Jit.Optimized)]
        private void Write(byte[] row)
        {
            if (_text != null)
            {
                _text.Write(Encoding.UTF8.GetString(row));
                _text.Write(Encoding.ASCII.GetString(_lineEnd));
                return;
            }
            _bytes.Write(row, 0, row.Length);
            _bytes.Write(_lineEnd, 0, _lineEnd.Length);
        }
    }
}
