using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace PortOne.Json
{
    /// <summary>
    /// Reads a payment with <see cref="JsonObjectReader{T}"/> rather than the serializer's generic path (the hot path:
    /// every payment of every page). The serializer still reads the envelope and the page, and hands this converter
    /// each payment whole. A read that asks for it (JSON Lines exports) also keeps the payment's JSON as PortOne sent
    /// it: <see cref="PageWithOriginalJson"/>.
    /// </summary>
    internal sealed class PaymentAnnotationConverter : JsonConverter<PaymentAnnotation>
    {
        private static readonly JsonObjectReader<PaymentAnnotation> Payment = new JsonObjectReader<PaymentAnnotation>();

        private static readonly Lazy<JsonTypeInfo<ApiEnvelope<PaymentPage>>> Page = new Lazy<JsonTypeInfo<ApiEnvelope<PaymentPage>>>(() =>
        {
            // A converter in the options comes before the one the type's attribute names.
            var options = new JsonSerializerOptions(PortOneJsonContext.Default.Options);
            options.Converters.Add(new PaymentAnnotationConverter(keepOriginalJson: true));
            return (JsonTypeInfo<ApiEnvelope<PaymentPage>>)options.GetTypeInfo(typeof(ApiEnvelope<PaymentPage>));
        });

        private readonly bool _keepOriginalJson;

        /// <summary>The converter the type's attribute names: payments without their JSON.</summary>
        public PaymentAnnotationConverter()
            : this(keepOriginalJson: false)
        {
        }

        private PaymentAnnotationConverter(bool keepOriginalJson)
        {
            _keepOriginalJson = keepOriginalJson;
        }

        /// <summary>A page whose payments keep their JSON (<see cref="PaymentAnnotation.OriginalJson"/>).</summary>
        public static JsonTypeInfo<ApiEnvelope<PaymentPage>> PageWithOriginalJson => Page.Value;

        public override PaymentAnnotation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            byte[]? original = null;
            if (_keepOriginalJson)
            {
                // The serializer hands a converter its whole value: a copy of the reader walks it once for the text.
                Utf8JsonReader copy = reader;
                original = CompactJson.Copy(ref copy);
            }
            PaymentAnnotation payment = Payment.Read(ref reader);
            payment.OriginalJson = original;
            return payment;
        }

        /// <summary>Payments are only read; writing one is not a thing this client does.</summary>
        public override void Write(Utf8JsonWriter writer, PaymentAnnotation value, JsonSerializerOptions options) =>
            throw new NotSupportedException("PortOne payments are read, not written.");
    }
}
