using System.Collections.Generic;
using System.Text.Json;

namespace PortOne.Json
{
    internal static class RawJson
    {
        /// <summary>Unknown fields as readable text: strings as themselves, other values as JSON.</summary>
        public static IReadOnlyDictionary<string, string> ToTextDictionary(Dictionary<string, JsonElement> fields)
        {
            var text = new Dictionary<string, string>(fields.Count);
            foreach (KeyValuePair<string, JsonElement> field in fields)
            {
                text[field.Key] = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() ?? "" : field.Value.GetRawText();
            }
            return text;
        }
    }
}
