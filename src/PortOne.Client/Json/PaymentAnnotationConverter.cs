using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PortOne.Export;

namespace PortOne.Json
{
    /// <summary>
    /// Reads a payment with <see cref="JsonObjectReader{T}"/> rather than the serializer's generic path (the hot path:
    /// every payment of every page). The serializer still reads the envelope and the page, and hands this converter
    /// each payment whole. A read made for an export file also makes each payment's row in it (<see cref="RowFormat"/>):
    /// the JSON as PortOne sent it, or the CSV row, read straight from the JSON by <see cref="CsvPaymentReader"/>.
    /// </summary>
    internal sealed class PaymentAnnotationConverter : JsonConverter<PaymentAnnotation>
    {
        private static readonly JsonObjectReader<PaymentAnnotation> Payment = new JsonObjectReader<PaymentAnnotation>();

        private readonly RowFormat? _rows;
        private readonly CsvPaymentReader? _csv;

        /// <summary>The converter the type's attribute names: payments without rows.</summary>
        public PaymentAnnotationConverter()
        {
        }

        private PaymentAnnotationConverter(RowFormat rows)
        {
            _rows = rows;
            if (rows.Format == PaymentExportFormat.Csv) _csv = new CsvPaymentReader(rows.AsUtc);
        }

        /// <summary>A page whose payments carry their rows (use <see cref="RowFormat.Page"/>, made once per format).</summary>
        internal static JsonTypeInfo<ApiEnvelope<PaymentPage>> PageOf(RowFormat rows)
        {
            // A converter in the options comes before the one the type's attribute names.
            var options = new JsonSerializerOptions(PortOneJsonContext.Default.Options);
            options.Converters.Add(new PaymentAnnotationConverter(rows));
            return (JsonTypeInfo<ApiEnvelope<PaymentPage>>)options.GetTypeInfo(typeof(ApiEnvelope<PaymentPage>));
        }

        public override PaymentAnnotation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (_rows == null) return Payment.Read(ref reader);
            PaymentAnnotation payment;
            if (_csv == null)
            {
                // The serializer hands a converter its whole value: a copy of the reader walks it once for the text.
                Utf8JsonReader copy = reader;
                byte[] json = CompactJson.Copy(ref copy);
                payment = Payment.Read(ref reader);
                payment.Row = json;
                return payment;
            }
            if (_rows.WholePayments)
            {
                Utf8JsonReader copy = reader;
                payment = Payment.Read(ref copy);
            }
            else
            {
                payment = new PaymentAnnotation();
            }
            _csv.Read(ref reader, payment);
            return payment;
        }

        /// <summary>Payments are only read; writing one is not a thing this client does.</summary>
        public override void Write(Utf8JsonWriter writer, PaymentAnnotation value, JsonSerializerOptions options) =>
            throw new NotSupportedException("PortOne payments are read, not written.");
    }
}
