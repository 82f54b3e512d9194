using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace PortOne.Client.Tests
{
    /// <summary>
    /// Reads export files back, as a loader would: CSV by RFC 4180 (quotes, doubled quotes, line breaks in fields),
    /// JSON Lines one document per line; and the payment state each row stands for ("imp_uid status at refunded_at").
    /// </summary>
    internal static class ExportFiles
    {
        /// <summary>The rows of a CSV file, as header name to field.</summary>
        public static List<Dictionary<string, string>> ReadCsv(string path)
        {
            string text = File.ReadAllText(path, Encoding.UTF8);
            var records = new List<List<string>>();
            var record = new List<string>();
            var field = new StringBuilder();
            bool quoted = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (quoted)
                {
                    if (c != '"') field.Append(c);
                    else if (i + 1 < text.Length && text[i + 1] == '"') field.Append(text[++i]);
                    else quoted = false;
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
                else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                    record.Add(field.ToString());
                    field.Clear();
                    records.Add(record);
                    record = new List<string>();
                }
                else if (c == '\r' || c == '\n') throw new FormatException($"A bare line break outside quotes at {i} in {path}: rows end with CRLF.");
                else field.Append(c);
            }
            if (field.Length > 0 || record.Count > 0) throw new FormatException($"{path} does not end with CRLF.");
            List<string> header = records[0];
            foreach (List<string> row in records.Skip(1))
            {
                if (row.Count != header.Count) throw new FormatException($"A row of {row.Count} fields under a header of {header.Count} in {path}.");
            }
            return records.Skip(1).Select(row => header.Zip(row, (h, v) => (h, v)).ToDictionary(x => x.h, x => x.v)).ToList();
        }

        /// <summary>The state a CSV row stands for.</summary>
        public static string StateOf(Dictionary<string, string> row)
        {
            string status = row["Status"];
            string at = status switch { "ready" => row["StartedAt"], "paid" => row["PaidAt"], "cancelled" => row["CancelledAt"], _ => row["FailedAt"] };
            return string.Create(CultureInfo.InvariantCulture, $"{row["ImpUid"]} {status} {Unix(at)} {Unix(row["CancelHistoryLastAt"])}");
        }

        /// <summary>The states of a JSON Lines file, one per line.</summary>
        public static List<string> ReadJsonLines(string path)
        {
            byte[] bytes = File.ReadAllBytes(path);
            if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) throw new FormatException($"{path} starts with a byte order mark.");
            string text = Encoding.UTF8.GetString(bytes);
            if (text.Length > 0 && !text.EndsWith("\n", StringComparison.Ordinal)) throw new FormatException($"{path} does not end with a line feed.");
            var states = new List<string>();
            foreach (string line in text.Split('\n').Where(l => l.Length > 0))
            {
                using JsonDocument document = JsonDocument.Parse(line);
                JsonElement p = document.RootElement;
                string status = p.GetProperty("status").GetString()!;
                long at = p.GetProperty(status switch { "ready" => "started_at", "paid" => "paid_at", "cancelled" => "cancelled_at", _ => "failed_at" }).GetInt64();
                long refunded = p.GetProperty("cancel_history").EnumerateArray().Select(c => c.GetProperty("cancelled_at").GetInt64()).DefaultIfEmpty(0).Max();
                states.Add(string.Create(CultureInfo.InvariantCulture, $"{p.GetProperty("imp_uid").GetString()} {status} {at} {refunded}"));
            }
            return states;
        }

        private static long Unix(string iso) => iso.Length == 0 ? 0
            : DateTimeOffset.ParseExact(iso, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture).ToUnixTimeSeconds();
    }
}
