using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PortOne.Json
{
    /// <summary>Reads one field's value (the reader is on its first token) into the object being read.</summary>
    internal delegate void FieldReader<in T>(ref Utf8JsonReader reader, T target);

    /// <summary>
    /// Reads a JSON object into a <typeparamref name="T"/> straight from a Utf8JsonReader, by the [JsonPropertyName]
    /// attributes of its properties (the one place the API's names live) and the lenient token readers of
    /// <see cref="JsonFieldReaders"/>. Made for the payments of a page: a hundred thousand of them cost about half of
    /// what the serializer's generic path costs, and, compiled at once rather than tiered, far less in a fresh process.
    /// Fields come back in the same order payment after payment, so the reader learns which field followed which and
    /// tries that one first (threads that read at once may teach it different orders: a wrong guess only costs a scan).
    /// Unknown fields go to a [JsonExtensionData] dictionary where the type has one, and are skipped otherwise.
    /// </summary>
    internal sealed class JsonObjectReader<T> where T : class, new()
    {
        private readonly Field[] _fields;
        private readonly Dictionary<string, int> _byName;
        private readonly int[] _successor;
        private int _first;
        private readonly Func<T, Dictionary<string, JsonElement>?>? _getExtension;
        private readonly Action<T, Dictionary<string, JsonElement>>? _setExtension;

        public JsonObjectReader()
        {
            var fields = new List<Field>();
            foreach (PropertyInfo property in typeof(T).GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (property.GetCustomAttribute<JsonExtensionDataAttribute>() != null)
                {
                    _getExtension = (Func<T, Dictionary<string, JsonElement>?>)Delegate.CreateDelegate(
                        typeof(Func<T, Dictionary<string, JsonElement>?>), property.GetGetMethod(true)!);
                    _setExtension = (Action<T, Dictionary<string, JsonElement>>)Delegate.CreateDelegate(
                        typeof(Action<T, Dictionary<string, JsonElement>>), property.GetSetMethod(true)!);
                    continue;
                }
                string? name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
                if (name == null) continue;
                fields.Add(new Field(name, JsonFieldReaders.For<T>(property)));
            }
            _fields = fields.ToArray();
            _byName = new Dictionary<string, int>(_fields.Length, StringComparer.Ordinal);
            for (int i = 0; i < _fields.Length; i++) _byName[_fields[i].Name] = i;
            _successor = new int[_fields.Length];
            for (int i = 0; i < _fields.Length; i++) _successor[i] = i + 1;
        }

        /// <summary>Reads the object the reader is on (StartObject) to its EndObject.</summary>
        [MethodImpl(Jit.Optimized)]
        public T Read(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"A {typeof(T).Name} is a JSON object, not {reader.TokenType}.");
            }
            var target = new T();
            int expected = _first;
            int previous = -1;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int index = Find(ref reader, expected, out string? unknown);
                if (index >= 0 && index != expected)
                {
                    if (previous < 0) _first = index;
                    else _successor[previous] = index;
                }
                if (!reader.Read()) break;
                if (index < 0)
                {
                    ReadUnknown(ref reader, target, unknown!);
                    continue;
                }
                Field field = _fields[index];
                try
                {
                    field.Read(ref reader, target);
                }
                catch (UnusableValueException e)
                {
                    throw e.Within(field.Name);
                }
                previous = index;
                expected = _successor[index];
            }
            if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException($"A {typeof(T).Name} ended before its closing brace.");
            return target;
        }

        /// <summary>The field the reader's property name names, or -1: the expected one first, then by name.</summary>
        private int Find(ref Utf8JsonReader reader, int expected, out string? unknown)
        {
            unknown = null;
            if (!reader.ValueIsEscaped && !reader.HasValueSequence)
            {
                ReadOnlySpan<byte> span = reader.ValueSpan;
                if (expected < _fields.Length && span.SequenceEqual(_fields[expected].Utf8Name)) return expected;
                for (int i = 0; i < _fields.Length; i++)
                {
                    if (span.SequenceEqual(_fields[i].Utf8Name)) return i;
                }
            }
            string name = reader.GetString()!;
            if (_byName.TryGetValue(name, out int index)) return index;
            unknown = name;
            return -1;
        }

        private void ReadUnknown(ref Utf8JsonReader reader, T target, string name)
        {
            if (_getExtension == null)
            {
                reader.Skip();
                return;
            }
            using JsonDocument value = JsonDocument.ParseValue(ref reader);
            Dictionary<string, JsonElement>? fields = _getExtension(target);
            if (fields == null)
            {
                fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                _setExtension!(target, fields);
            }
            fields[name] = value.RootElement.Clone();
        }

        private readonly struct Field
        {
            public Field(string name, FieldReader<T> read)
            {
                Name = name;
                Utf8Name = Encoding.UTF8.GetBytes(name);
                Read = read;
            }

            public string Name { get; }
            public byte[] Utf8Name { get; }
            public FieldReader<T> Read { get; }
        }
    }
}
