using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
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
    /// Fields are found by <see cref="FieldNames"/>, which learns the order they come in. Unknown fields go to a
    /// [JsonExtensionData] dictionary where the type has one, and are skipped otherwise.
    /// </summary>
    internal sealed class JsonObjectReader<T> where T : class, new()
    {
        private readonly Field[] _fields;
        private readonly FieldNames _names;
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
            _names = new FieldNames(Array.ConvertAll(_fields, f => f.Name));
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
            int expected = _names.First;
            int previous = -1;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int index = _names.Find(ref reader, expected, out string? unknown);
                if (index >= 0 && index != expected) _names.Learn(previous, index);
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
                expected = _names.After(index);
            }
            if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException($"A {typeof(T).Name} ended before its closing brace.");
            return target;
        }

        private void ReadUnknown(ref Utf8JsonReader reader, T target, string name)
        {
            if (_getExtension == null)
            {
                reader.Skip();
                return;
            }
            JsonElement value = JsonTokens.ReadElement(ref reader);
            Dictionary<string, JsonElement>? fields = _getExtension(target);
            if (fields == null)
            {
                fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                _setExtension!(target, fields);
            }
            fields[name] = value;
        }

        private readonly struct Field
        {
            public Field(string name, FieldReader<T> read)
            {
                Name = name;
                Read = read;
            }

            public string Name { get; }
            public FieldReader<T> Read { get; }
        }
    }
}
