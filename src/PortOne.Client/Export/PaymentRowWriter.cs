using System;
using System.IO;
using System.Text;

namespace PortOne.Export
{
    /// <summary>Turns payments into the rows of an export file, in one format; the file itself is the caller's.</summary>
    internal abstract class PaymentRowWriter : IDisposable
    {
        /// <summary>Rows are small and each write to the file is a call into the system: they go out 64 KB at a time.</summary>
        protected const int BufferSize = 1 << 16;

        /// <summary>The encoding a format uses unless told otherwise: UTF-8 with a byte order mark for CSV (Excel reads
        /// Korean right only with it), without one for JSON Lines (its parsers expect none).</summary>
        public static Encoding DefaultEncoding(PaymentExportFormat format) =>
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: format == PaymentExportFormat.Csv);

        /// <summary>The file name extension of a format, with its dot.</summary>
        public static string Extension(PaymentExportFormat format) => format == PaymentExportFormat.Csv ? ".csv" : ".jsonl";

        /// <summary>A writer of <paramref name="format"/> onto <paramref name="stream"/>, which stays open for its owner to flush to disk.</summary>
        public static PaymentRowWriter Create(PaymentExportFormat format, Stream stream, Encoding? encoding, bool asUtc) => format switch
        {
            PaymentExportFormat.Csv => new CsvPaymentWriter(stream, encoding ?? DefaultEncoding(format), asUtc),
            PaymentExportFormat.JsonLines => new JsonLinesPaymentWriter(stream, encoding ?? DefaultEncoding(format)),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };

        /// <summary>Whatever comes before the first payment (CSV: the header row).</summary>
        public abstract void Begin();

        public abstract void Write(PaymentAnnotation payment);

        /// <summary>Hands everything written to the stream.</summary>
        public abstract void Flush();

        public abstract void Dispose();
    }
}
