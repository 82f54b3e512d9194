using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using PortOne.Json;

namespace PortOne.Export
{
    /// <summary>
    /// Reads a payment's JSON straight into its CSV row (<see cref="PaymentAnnotation.Row"/>), in one pass and with no
    /// object per field: text goes from the page's bytes to the row's. Of the payment itself it fills only what a
    /// read and a checkpoint look at: imp_uid, merchant_uid, status, the times, the nested lists and unknown fields
    /// (the same values the typed reader gives them). Values are read by the typed reader's lenient rules
    /// (<see cref="JsonTokens"/>), so a row holds what the typed payment would have written.
    /// </summary>
    internal sealed class CsvPaymentReader
    {
        internal static readonly FieldNames Names = new FieldNames(Array.ConvertAll(CsvColumns.Fields, f => f.JsonName));
        private static readonly Action<PaymentAnnotation, string?>?[] KeepText = Setters<string?>("ImpUid", "MerchantUid", "Status");
        private static readonly Action<PaymentAnnotation, DateTimeOffset?>?[] KeepTime = Setters<DateTimeOffset?>("StartedAt", "PaidAt", "FailedAt", "CancelledAt");
        private static readonly FieldReader<PaymentAnnotation>?[] Nested = NestedReaders();

        private readonly bool _asUtc;

        public CsvPaymentReader(bool asUtc)
        {
            _asUtc = asUtc;
        }

        /// <summary>Reads the object the reader is on (StartObject) to its EndObject into <paramref name="payment"/> and its row.</summary>
        [MethodImpl(Jit.Optimized)]
        public void Read(ref Utf8JsonReader reader, PaymentAnnotation payment)
        {
            if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException($"A PaymentAnnotation is a JSON object, not {reader.TokenType}.");
            CsvRow row = CsvRow.Start();
            int expected = Names.First;
            int previous = -1;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int index = Names.Find(ref reader, expected, out string? unknown);
                if (index >= 0 && index != expected) Names.Learn(previous, index);
                if (!reader.Read()) break;
                if (index < 0)
                {
                    (payment.UnknownFields ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[unknown!] = JsonTokens.ReadElement(ref reader);
                    continue;
                }
                try
                {
                    ReadValue(ref reader, index, payment, row);
                }
                catch (UnusableValueException e)
                {
                    throw e.Within(CsvColumns.Fields[index].JsonName);
                }
                previous = index;
                expected = Names.After(index);
            }
            if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("A PaymentAnnotation ended before its closing brace.");
            Finish(payment, row);
        }

        /// <summary>The payment's fields all read: the unknown ones go to the row, and the row to the payment.</summary>
        internal static void Finish(PaymentAnnotation payment, CsvRow row)
        {
            if (payment.UnknownFields != null) row.Text(CsvColumns.AdditionalFields, RawJson.ToJsonObject(payment.UnknownFields));
            payment.Row = row.ToArray();
        }

        /// <summary>Reads field <paramref name="index"/>'s value, the reader on its first token, into the payment and its row.</summary>
        [MethodImpl(Jit.Optimized)]
        internal void ReadValue(ref Utf8JsonReader reader, int index, PaymentAnnotation payment, CsvRow row)
        {
            CsvField field = CsvColumns.Fields[index];
            int column = field.Column;
            switch (field.Value)
            {
                case CsvValue.Text:
                    ReadText(ref reader, index, payment, row);
                    break;
                case CsvValue.Money:
                    if (IsPlainNumber(ref reader, wholeOnly: false)) row.Plain(column, reader.ValueSpan);
                    else row.Money(column, JsonTokens.ReadDecimal(ref reader) ?? 0m);
                    break;
                case CsvValue.Integer:
                    if (IsPlainNumber(ref reader, wholeOnly: true)) row.Plain(column, reader.ValueSpan);
                    else row.Integer(column, JsonTokens.ReadNullableInt32(ref reader));
                    break;
                case CsvValue.Flag:
                    row.Flag(column, JsonTokens.ReadBoolean(ref reader) ?? false);
                    break;
                case CsvValue.OptionalFlag:
                    row.Flag(column, reader.TokenType == JsonTokenType.Null ? null : JsonTokens.ReadBoolean(ref reader));
                    break;
                case CsvValue.Time:
                    WriteTime(index, JsonTokens.ReadUnixSeconds(ref reader), payment, row);
                    break;
                default:
                    Nested[index]!(ref reader, payment);
                    WriteNested(field, payment, row);
                    break;
            }
        }

        /// <summary>A time field's value, read in UTC: converted to local time once, for the row and the payment alike.</summary>
        [MethodImpl(Jit.Optimized)]
        internal void WriteTime(int index, DateTimeOffset? time, PaymentAnnotation payment, CsvRow row)
        {
            Action<PaymentAnnotation, DateTimeOffset?>? keep = KeepTime[index];
            DateTimeOffset? local = time.HasValue && (!_asUtc || keep != null) ? time.Value.ToLocalTime() : (DateTimeOffset?)null;
            keep?.Invoke(payment, local);
            row.Time(CsvColumns.Fields[index].Column, _asUtc ? time : local);
        }

        /// <summary>
        /// A text field's value, a JSON string with no escape in valid UTF-8 (<paramref name="utf8"/>, between the
        /// quotes): to the row as it is, or through a string where the payment keeps the field.
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        internal static void PlainText(int index, ReadOnlySpan<byte> utf8, PaymentAnnotation payment, CsvRow row)
        {
            if (KeepText[index] == null) row.UnescapedText(CsvColumns.Fields[index].Column, utf8);
            else Text(index, Utf8Text.Decode(utf8), payment, row);
        }

        /// <summary>A text field's value as a string (null for JSON null): to the payment where it keeps the field, and to the row.</summary>
        [MethodImpl(Jit.Optimized)]
        internal static void Text(int index, string? text, PaymentAnnotation payment, CsvRow row)
        {
            KeepText[index]?.Invoke(payment, text);
            row.Text(CsvColumns.Fields[index].Column, text);
        }

        /// <summary>
        /// Plain UTF-8 goes to the row as it is; escaped strings, other values and the fields the payment keeps go
        /// through a string, as the typed reader reads them. Invalid UTF-8 too: reading it as a string fails the
        /// same way the typed reader does.
        /// </summary>
        [MethodImpl(Jit.Optimized)]
        private static void ReadText(ref Utf8JsonReader reader, int index, PaymentAnnotation payment, CsvRow row)
        {
            if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence && Utf8Text.IsValid(reader.ValueSpan))
            {
                PlainText(index, reader.ValueSpan, payment, row);
                return;
            }
            Text(index, reader.TokenType == JsonTokenType.String ? reader.GetString() : JsonTokens.ReadText(ref reader), payment, row);
        }

        /// <summary>The nested values flattened, from what the typed reader made of them.</summary>
        [MethodImpl(Jit.Optimized)]
        private void WriteNested(CsvField field, PaymentAnnotation payment, CsvRow row)
        {
            int column = field.Column;
            switch (field.Value)
            {
                case CsvValue.CancelHistory:
                    decimal cancelled = 0;
                    DateTimeOffset? lastCancelled = null;
                    foreach (PaymentCancelAnnotation cancel in payment.CancelHistory)
                    {
                        cancelled += cancel.Amount;
                        lastCancelled = Later(lastCancelled, cancel.CancelledAt);
                    }
                    Summary(row, column, payment.CancelHistory.Count, cancelled, lastCancelled);
                    break;
                case CsvValue.DepositHistory:
                    decimal deposited = 0;
                    DateTimeOffset? lastDeposited = null;
                    foreach (VbankDepositAnnotation deposit in payment.DepositHistory)
                    {
                        deposited += deposit.Amount;
                        lastDeposited = Later(lastDeposited, deposit.DepositedAt);
                    }
                    Summary(row, column, payment.DepositHistory.Count, deposited, lastDeposited);
                    break;
                case CsvValue.Promotion:
                    row.Text(column, payment.Promotion?.Id);
                    if (payment.Promotion == null) row.Text(column + 1, (string?)null);
                    else row.Money(column + 1, payment.Promotion.Discount);
                    break;
                default:
                    row.Text(column, payment.CancelReceiptUrls.Count == 0 ? null : string.Join(" ", payment.CancelReceiptUrls));
                    break;
            }
        }

        private void Summary(CsvRow row, int column, int count, decimal amount, DateTimeOffset? latest)
        {
            row.Integer(column, count);
            row.Money(column + 1, amount);
            row.Time(column + 2, _asUtc ? latest?.ToUniversalTime() : latest); // the typed payment's times are local
        }

        private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) =>
            !b.HasValue ? a : !a.HasValue || b.Value > a.Value ? b : a;

        /// <summary>
        /// A JSON number that decimal.ToString writes back byte for byte: digits with at most a fraction, no exponent,
        /// not a negative zero, short enough for a decimal (and, <paramref name="wholeOnly"/>, for an int).
        /// </summary>
        private static bool IsPlainNumber(ref Utf8JsonReader reader, bool wholeOnly) =>
            reader.TokenType == JsonTokenType.Number && !reader.HasValueSequence && IsPlainNumber(reader.ValueSpan, wholeOnly);

        /// <summary>The same test on a JSON number's bytes.</summary>
        [MethodImpl(Jit.Optimized)]
        internal static bool IsPlainNumber(ReadOnlySpan<byte> number, bool wholeOnly)
        {
            if (number.Length > (wholeOnly ? 9 : 20)) return false;
            int i = number[0] == (byte)'-' ? 1 : 0;
            if (i == 1 && number.Length > 1 && number[1] == (byte)'0') return false;
            for (; i < number.Length; i++)
            {
                byte b = number[i];
                if ((b < (byte)'0' || b > (byte)'9') && (wholeOnly || b != (byte)'.')) return false;
            }
            return true;
        }

        private static Action<PaymentAnnotation, T>?[] Setters<T>(params string[] properties)
        {
            var setters = new Action<PaymentAnnotation, T>?[CsvColumns.Fields.Length];
            for (int i = 0; i < setters.Length; i++)
            {
                PropertyInfo property = CsvColumns.Fields[i].Property;
                if (Array.IndexOf(properties, property.Name) < 0) continue;
                setters[i] = (Action<PaymentAnnotation, T>)Delegate.CreateDelegate(typeof(Action<PaymentAnnotation, T>), property.GetSetMethod()!);
            }
            return setters;
        }

        private static FieldReader<PaymentAnnotation>?[] NestedReaders()
        {
            var readers = new FieldReader<PaymentAnnotation>?[CsvColumns.Fields.Length];
            for (int i = 0; i < readers.Length; i++)
            {
                CsvValue value = CsvColumns.Fields[i].Value;
                if (value >= CsvValue.CancelHistory) readers[i] = JsonFieldReaders.For<PaymentAnnotation>(CsvColumns.Fields[i].Property);
            }
            return readers;
        }
    }
}
