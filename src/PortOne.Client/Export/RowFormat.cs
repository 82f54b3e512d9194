using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PortOne.Json;

namespace PortOne.Export
{
    /// <summary>
    /// What a read made for an export file keeps of each payment: its row in the file (<see cref="PaymentAnnotation.Row"/>),
    /// made as the page is parsed, and whether the payment itself is whole. A JSON Lines row is the payment's JSON as
    /// sent, beside a whole payment; a CSV row is written straight from the JSON, and the payment holds only what the
    /// read needs unless <see cref="WholePayments"/> (-PassThru) asks for every field.
    /// </summary>
    internal sealed class RowFormat
    {
        // One instance per combination, each with its own page reader, made once.
        private static readonly RowFormat[] All =
        {
            new RowFormat(PaymentExportFormat.Csv, false, false), new RowFormat(PaymentExportFormat.Csv, false, true),
            new RowFormat(PaymentExportFormat.Csv, true, false), new RowFormat(PaymentExportFormat.Csv, true, true),
            new RowFormat(PaymentExportFormat.JsonLines, false, true),
        };

        private readonly Lazy<JsonTypeInfo<ApiEnvelope<PaymentPage>>> _page;
        private readonly CsvPageScanner? _scanner;

        private RowFormat(PaymentExportFormat format, bool asUtc, bool wholePayments)
        {
            Format = format;
            AsUtc = asUtc;
            WholePayments = wholePayments;
            _page = new Lazy<JsonTypeInfo<ApiEnvelope<PaymentPage>>>(() => PaymentAnnotationConverter.PageOf(this));
            if (format == PaymentExportFormat.Csv && !wholePayments) _scanner = new CsvPageScanner(asUtc);
        }

        public PaymentExportFormat Format { get; }

        /// <summary>CSV times in UTC rather than local time.</summary>
        public bool AsUtc { get; }

        /// <summary>Every field of the payment read, not only what the read needs (JSON Lines always).</summary>
        public bool WholePayments { get; }

        /// <summary>How a page of payments with these rows is read.</summary>
        public JsonTypeInfo<ApiEnvelope<PaymentPage>> Page => _page.Value;

        /// <summary>
        /// Reads an answer's body as a page with these rows: CSV rows of slim payments straight from the bytes where the
        /// page has the plain shape (<see cref="CsvPageScanner"/>), else with <see cref="Page"/>.
        /// </summary>
        public ApiEnvelope<PaymentPage>? ParsePage(ReadOnlySpan<byte> json) =>
            _scanner?.TryRead(json) ?? JsonSerializer.Deserialize(json, Page);

        public static RowFormat For(PaymentExportFormat format, bool asUtc, bool wholePayments) =>
            format == PaymentExportFormat.JsonLines ? All[4] : All[(asUtc ? 2 : 0) + (wholePayments ? 1 : 0)];
    }
}
