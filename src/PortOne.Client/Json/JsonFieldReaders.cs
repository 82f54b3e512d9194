using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PortOne.Json
{
    /// <summary>
    /// How each kind of field is read, by its property's type (and [JsonConverter], for custom_data): the same lenient
    /// rules as the converters the attributes name. Text where the spec says text takes a number or an object too, as
    /// its JSON (PortOne's values may change shape; a field must never break a read). Lists and nested objects are
    /// read by their own <see cref="JsonObjectReader{T}"/>.
    /// </summary>
    internal static class JsonFieldReaders
    {
        private static readonly JsonObjectReader<PaymentCancelAnnotation> CancelReader = new JsonObjectReader<PaymentCancelAnnotation>();
        private static readonly JsonObjectReader<VbankDepositAnnotation> DepositReader = new JsonObjectReader<VbankDepositAnnotation>();
        private static readonly JsonObjectReader<PaymentPromotion> PromotionReader = new JsonObjectReader<PaymentPromotion>();

        public static FieldReader<T> For<T>(PropertyInfo property)
        {
            Type type = property.PropertyType;
            MethodInfo setter = property.GetSetMethod(true)
                ?? throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} has no setter.");
            if (type == typeof(string))
            {
                Action<T, string?> set = Setter<T, string?>(setter);
                if (property.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType == typeof(RawStringConverter))
                {
                    return [MethodImpl(Jit.Optimized)] (ref Utf8JsonReader r, T t) => set(t, JsonTokens.ReadText(ref r));
                }
                return [MethodImpl(Jit.Optimized)] (ref Utf8JsonReader r, T t) => set(t, Text(ref r));
            }
            if (type == typeof(decimal))
            {
                Action<T, decimal> set = Setter<T, decimal>(setter);
                return [MethodImpl(Jit.Optimized)] (ref Utf8JsonReader r, T t) => set(t, JsonTokens.ReadDecimal(ref r) ?? 0m);
            }
            if (type == typeof(bool))
            {
                Action<T, bool> set = Setter<T, bool>(setter);
                return [MethodImpl(Jit.Optimized)] (ref Utf8JsonReader r, T t) => set(t, JsonTokens.ReadBoolean(ref r) ?? false);
            }
            if (type == typeof(bool?))
            {
                Action<T, bool?> set = Setter<T, bool?>(setter);
                return [MethodImpl(Jit.Optimized)] (ref Utf8JsonReader r, T t) =>
                    set(t, r.TokenType == JsonTokenType.Null ? null : JsonTokens.ReadBoolean(ref r));
            }
            if (type == typeof(int?))
            {
                Action<T, int?> set = Setter<T, int?>(setter);
                return [MethodImpl(Jit.Optimized)] (ref Utf8JsonReader r, T t) => set(t, JsonTokens.ReadNullableInt32(ref r));
            }
            if (type == typeof(DateTimeOffset?))
            {
                Action<T, DateTimeOffset?> set = Setter<T, DateTimeOffset?>(setter);
                return [MethodImpl(Jit.Optimized)] (ref Utf8JsonReader r, T t) => set(t, JsonTokens.ReadUnixTime(ref r));
            }
            if (type == typeof(PaymentCancelHistory))
            {
                Action<T, PaymentCancelHistory> set = Setter<T, PaymentCancelHistory>(setter);
                return [MethodImpl(Jit.Optimized)] (ref Utf8JsonReader r, T t) =>
                {
                    if (ReadList<PaymentCancelHistory, PaymentCancelAnnotation>(ref r, CancelReader) is PaymentCancelHistory items) set(t, items);
                };
            }
            if (type == typeof(VbankDepositHistory))
            {
                Action<T, VbankDepositHistory> set = Setter<T, VbankDepositHistory>(setter);
                return [MethodImpl(Jit.Optimized)] (ref Utf8JsonReader r, T t) =>
                {
                    if (ReadList<VbankDepositHistory, VbankDepositAnnotation>(ref r, DepositReader) is VbankDepositHistory items) set(t, items);
                };
            }
            if (type == typeof(TextList))
            {
                Action<T, TextList> set = Setter<T, TextList>(setter);
                return [MethodImpl(Jit.Optimized)] (ref Utf8JsonReader r, T t) => { if (ReadTexts(ref r) is TextList texts) set(t, texts); };
            }
            if (type == typeof(PaymentPromotion))
            {
                Action<T, PaymentPromotion?> set = Setter<T, PaymentPromotion?>(setter);
                return [MethodImpl(Jit.Optimized)] (ref Utf8JsonReader r, T t) =>
                    set(t, r.TokenType == JsonTokenType.Null ? null : PromotionReader.Read(ref r));
            }
            throw new InvalidOperationException($"{typeof(T).Name}.{property.Name}: no JSON reader for {type.Name}.");
        }

        /// <summary>A string as itself, null as null, anything else as its JSON text.</summary>
        private static string? Text(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.String ? reader.GetString() : JsonTokens.ReadText(ref reader);

        /// <summary>The items of a JSON array, or null for JSON null (the property then reads as an empty list).</summary>
        private static TList? ReadList<TList, TItem>(ref Utf8JsonReader reader, JsonObjectReader<TItem> items)
            where TList : List<TItem>, new()
            where TItem : class, new()
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException($"A list of {typeof(TItem).Name} is a JSON array, not {reader.TokenType}.");
            }
            var list = new TList();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                try
                {
                    list.Add(reader.TokenType == JsonTokenType.Null ? null! : items.Read(ref reader));
                }
                catch (UnusableValueException e)
                {
                    throw e.Within("[" + list.Count + "]");
                }
            }
            return list;
        }

        private static TextList? ReadTexts(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException($"A list of texts is a JSON array, not {reader.TokenType}.");
            var texts = new TextList();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) texts.Add(Text(ref reader)!);
            return texts;
        }

        private static Action<T, TValue> Setter<T, TValue>(MethodInfo setter) =>
            (Action<T, TValue>)Delegate.CreateDelegate(typeof(Action<T, TValue>), setter);
    }
}
