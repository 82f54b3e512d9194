using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using PortOne.Files;

namespace PortOne.Checkpoints
{
    /// <summary>
    /// What a resumable read keeps between runs, as a small JSON file an admin can read: which query and account it
    /// belongs to, the time the last successful run covered, and the payment states written near its end (which the
    /// next run reads again, as its overlap, and must not write twice). Written whole to a temporary file, then
    /// renamed over the old one, so a crash leaves either the old checkpoint or the new one, never half of one.
    /// </summary>
    internal sealed class CheckpointFile
    {
        public const string Format = "PortOne.Checkpoint";
        public const int Version = 1;
        private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

        public CheckpointFile(string status, string account, long start, long readFrom, long end, long keysFrom, long runs, List<PaymentState> states)
        {
            Runs = runs;
            Status = status;
            Account = account;
            Start = start;
            ReadFrom = readFrom;
            End = end;
            KeysFrom = keysFrom;
            States = states;
        }

        /// <summary>The API's status word ("all", "paid"...): a checkpoint serves one status.</summary>
        public string Status { get; }

        /// <summary>Which merchant account (tier and key fingerprint) the payments came from.</summary>
        public string Account { get; }

        /// <summary>Where the first run began (unix seconds).</summary>
        public long Start { get; }

        /// <summary>Where the last successful run began reading.</summary>
        public long ReadFrom { get; }

        /// <summary>The last second the last successful run covered, inclusive.</summary>
        public long End { get; }

        /// <summary>States are remembered from this second on; no run reads from earlier than this again.</summary>
        public long KeysFrom { get; }

        /// <summary>How many runs moved this checkpoint (0 in files written before runs were counted): run N's export file is numbered N.</summary>
        public long Runs { get; }

        public List<PaymentState> States { get; }

        /// <summary>The checkpoint at <paramref name="path"/>, or null where there is no file yet.</summary>
        public static CheckpointFile? Load(string path)
        {
            byte[] bytes;
            try
            {
                if (Directory.Exists(path)) throw Unavailable(path, "is a folder, not a file", null);
                if (!File.Exists(path)) return null;
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw Unavailable(path, "could not be read", e);
            }
            try
            {
                return Parse(bytes, path);
            }
            catch (Exception e) when (e is JsonException || e is InvalidOperationException || e is FormatException)
            {
                throw Invalid(path, e.Message.TrimEnd('.'));
            }
        }

        private static CheckpointFile Parse(byte[] bytes, string path)
        {
            // Editors may add a UTF-8 byte order mark; the JSON reader does not accept one.
            int skip = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            using JsonDocument document = JsonDocument.Parse(new ReadOnlyMemory<byte>(bytes, skip, bytes.Length - skip));
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out JsonElement format) ||
                format.ValueKind != JsonValueKind.String || format.GetString() != Format)
            {
                throw Invalid(path, $"it has no \"format\": \"{Format}\"");
            }
            int version = Property(root, "version").GetInt32();
            if (version != Version)
            {
                throw Invalid(path, $"it is version {version}, and this module reads version {Version}" +
                    (version > Version ? " (a newer PortOne module wrote it)" : ""));
            }
            var states = new List<PaymentState>();
            foreach (JsonElement state in Property(root, "states").EnumerateArray())
            {
                if (state.GetArrayLength() != 4) throw new FormatException("a state is not [imp_uid, status, at, refunded_at]");
                states.Add(new PaymentState(Text(state[0]), Text(state[1]), state[2].GetInt64(), state[3].GetInt64()));
            }
            // "runs" came later within version 1: a file without it has counted none.
            long runs = root.TryGetProperty("runs", out JsonElement counted) ? counted.GetInt64() : 0;
            if (runs < 0) throw new FormatException("\"runs\" is negative");
            var file = new CheckpointFile(Text(Property(root, "status")), Text(Property(root, "account")),
                Time(root, "start"), Time(root, "readFrom"), Time(root, "end"), Time(root, "keysFrom"), runs, states);
            if (!(file.Start <= file.ReadFrom && file.ReadFrom <= file.KeysFrom && file.KeysFrom <= file.End + 1))
            {
                throw Invalid(path, "its times are out of order (start <= readFrom <= keysFrom <= end + 1 s)");
            }
            return file;
        }

        private static JsonElement Property(JsonElement root, string name) =>
            root.TryGetProperty(name, out JsonElement value) ? value : throw new FormatException($"\"{name}\" is missing");

        private static string Text(JsonElement element) =>
            element.ValueKind == JsonValueKind.String && element.GetString() is string text && text.Length > 0
                ? text : throw new FormatException("an expected text is missing or empty");

        private static long Time(JsonElement root, string name) =>
            DateTimeOffset.ParseExact(Text(Property(root, name)), TimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal).ToUnixTimeSeconds();

        private static string TimeText(long unix) =>
            DateTimeOffset.FromUnixTimeSeconds(unix).UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

        /// <summary>
        /// Replaces the file at <paramref name="path"/> in one step: a temporary file, flushed to disk, renamed over it,
        /// and its folder flushed. <paramref name="step"/> is told of each of the three (tests stop there as a crash would).
        /// </summary>
        public void Save(string path, Action<DurableStep>? step = null)
        {
            try
            {
                using DurableFile file = DurableFile.Create(path);
                using (var writer = new Utf8JsonWriter(file.Stream, new JsonWriterOptions { Indented = true }))
                {
                    WriteTo(writer);
                }
                file.Commit(step);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw Unavailable(path, "could not be saved", e);
            }
        }

        private void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", Version);
            writer.WriteString("status", Status);
            writer.WriteString("account", Account);
            writer.WriteString("start", TimeText(Start));
            writer.WriteString("readFrom", TimeText(ReadFrom));
            writer.WriteString("end", TimeText(End));
            writer.WriteString("keysFrom", TimeText(KeysFrom));
            writer.WriteNumber("runs", Runs);
            writer.WriteStartArray("states");
            foreach (PaymentState state in States)
            {
                // One compact line per state keeps the file readable and small.
                writer.WriteRawValue(string.Format(CultureInfo.InvariantCulture, "[\"{0}\", \"{1}\", {2}, {3}]",
                    JsonEncodedText.Encode(state.ImpUid), JsonEncodedText.Encode(state.Status), state.At, state.RefundedAt));
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        internal static PortOneException Invalid(string path, string reason) =>
            new PortOneException(PortOneErrorKind.CheckpointInvalid, $"The checkpoint file '{path}' is not a checkpoint this read can use: {reason}.")
            {
                CheckpointPath = path,
            };

        internal static PortOneException Unavailable(string path, string what, Exception? inner) =>
            new PortOneException(PortOneErrorKind.CheckpointUnavailable,
                $"The checkpoint '{path}' {what}" + (inner == null ? "." : ": " + inner.Message), inner)
            {
                CheckpointPath = path,
            };
    }
}
