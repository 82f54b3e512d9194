using System.Collections.Generic;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PortOne.Json
{
    internal static class RawJson
    {
        /// <summary>Unknown fields as readable text: strings as themselves, other values as JSON.</summary>
        public static AdditionalFieldDictionary ToTextDictionary(Dictionary<string, JsonElement> fields)
        {
            var text = new Dictionary<string, string>(fields.Count);
            foreach (KeyValuePair<string, JsonElement> field in fields)
            {
                text[field.Key] = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() ?? "" : field.Value.GetRawText();
            }
            return new AdditionalFieldDictionary(text, ToJsonObject(fields));
        }

        /// <summary>Unknown fields as one compact JSON object, each value as PortOne sent it; null where there are none.</summary>
        public static string? ToJsonObject(Dictionary<string, JsonElement>? fields)
        {
            if (fields == null || fields.Count == 0) return null;
            var json = new StringBuilder("{");
            foreach (KeyValuePair<string, JsonElement> field in fields)
            {
                if (json.Length > 1) json.Append(',');
                json.Append('"').Append(JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(field.Key)).Append("\":").Append(field.Value.GetRawText());
            }
            return json.Append('}').ToString();
        }
    }
}
