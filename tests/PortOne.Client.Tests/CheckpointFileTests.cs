using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using PortOne.Checkpoints;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>The checkpoint file on its own: what it reads, what it refuses and why, and what it writes.</summary>
    public sealed class CheckpointFileTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "portone-cpf-" + Guid.NewGuid().ToString("N"));

        public CheckpointFileTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private string PathOf(string name) => Path.Combine(_folder, name);

        private static CheckpointFile Sample(params PaymentState[] states) =>
            new CheckpointFile("paid", "key-sha256:0123456789abcdef tier:T1", 1_700_000_000, 1_700_000_100, 1_700_000_900, 1_700_000_300, 7, new List<PaymentState>(states));

        private const string SampleText =
            "{\n" +
            "  \"format\": \"PortOne.Checkpoint\",\n" +
            "  \"version\": 1,\n" +
            "  \"status\": \"paid\",\n" +
            "  \"account\": \"key-sha256:0123456789abcdef tier:T1\",\n" +
            "  \"start\": \"2023-11-14T22:13:20Z\",\n" +
            "  \"readFrom\": \"2023-11-14T22:15:00Z\",\n" +
            "  \"end\": \"2023-11-14T22:28:20Z\",\n" +
            "  \"keysFrom\": \"2023-11-14T22:18:20Z\",\n" +
            "  \"runs\": 7,\n" +
            // Today the states come out on one line: Utf8JsonWriter does not indent raw values, whatever
            // CheckpointFile's comment hopes ("one compact line per state"). Pinned as it is; the file reads back either way.
            "  \"states\": [[\"imp_a\", \"paid\", 1700000400, 0],[\"imp_\\u0022b\", \"cancelled\", 1700000500, 1700000450]\n" +
            "  ]\n" +
            "}";

        [Fact]
        public void It_writes_a_small_readable_file_with_every_field_named()
        {
            string path = PathOf("a.checkpoint");
            Sample(new PaymentState("imp_a", "paid", 1_700_000_400, 0), new PaymentState("imp_\"b", "cancelled", 1_700_000_500, 1_700_000_450)).Save(path);
            Assert.Equal(SampleText.Replace("\n", Environment.NewLine), File.ReadAllText(path));
            Assert.False(File.Exists(path + ".tmp"), "the temporary file was renamed over the checkpoint");
        }

        [Fact]
        public void What_it_writes_it_reads_back()
        {
            string path = PathOf("b.checkpoint");
            Sample(new PaymentState("imp_a", "paid", 1_700_000_400, 0), new PaymentState("imp_\"b", "cancelled", 1_700_000_500, 1_700_000_450)).Save(path);
            CheckpointFile read = CheckpointFile.Load(path)!;
            Assert.Equal("paid", read.Status);
            Assert.Equal("key-sha256:0123456789abcdef tier:T1", read.Account);
            Assert.Equal((1_700_000_000L, 1_700_000_100L, 1_700_000_900L, 1_700_000_300L), (read.Start, read.ReadFrom, read.End, read.KeysFrom));
            Assert.Equal(new[] { new PaymentState("imp_a", "paid", 1_700_000_400, 0), new PaymentState("imp_\"b", "cancelled", 1_700_000_500, 1_700_000_450) }, read.States);
        }

        [Fact]
        public void Saving_again_replaces_the_file_whole_and_a_stale_temporary_file_is_overwritten()
        {
            string path = PathOf("c.checkpoint");
            Sample(new PaymentState("imp_a", "paid", 1_700_000_400, 0)).Save(path);
            File.WriteAllText(path + ".tmp", "half of an older save that crashed, much longer than the new checkpoint will be ................................................................................................................................................................................................................................................................................................................................................................................................................................................................................................................................................");
            Sample().Save(path);
            Assert.Empty(CheckpointFile.Load(path)!.States);
            Assert.False(File.Exists(path + ".tmp"));
        }

        [Fact]
        public void A_save_that_cannot_write_is_CheckpointUnavailable_and_leaves_the_old_file()
        {
            string path = PathOf("d.checkpoint");
            Sample().Save(path);
            byte[] before = File.ReadAllBytes(path);
            Directory.CreateDirectory(path + ".tmp"); // the temporary file cannot be created
            var failure = Assert.Throws<PortOneException>(() => Sample(new PaymentState("imp_a", "paid", 1, 0)).Save(path));
            Assert.Equal(PortOneErrorKind.CheckpointUnavailable, failure.Kind);
            Assert.StartsWith($"The checkpoint '{path}' could not be saved: ", failure.Message);
            Assert.NotNull(failure.InnerException);
            Assert.Equal(path, failure.CheckpointPath);
            Assert.Equal(before, File.ReadAllBytes(path));
        }

        [Fact]
        public void No_file_is_no_checkpoint_and_a_folder_is_refused()
        {
            Assert.Null(CheckpointFile.Load(PathOf("none.checkpoint")));
            var failure = Assert.Throws<PortOneException>(() => CheckpointFile.Load(_folder));
            Assert.Equal(PortOneErrorKind.CheckpointUnavailable, failure.Kind);
            Assert.Equal($"The checkpoint '{_folder}' is a folder, not a file.", failure.Message);
            Assert.Null(failure.InnerException);
        }

        [Fact]
        public void A_byte_order_mark_that_an_editor_added_is_accepted()
        {
            string path = PathOf("bom.checkpoint");
            File.WriteAllText(path, SampleText, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            Assert.Equal(0xEF, File.ReadAllBytes(path)[0]);
            Assert.Equal(2, CheckpointFile.Load(path)!.States.Count);
        }

        public static TheoryData<string, string> Refusals() => new TheoryData<string, string>
        {
            { "[]", "it has no \"format\": \"PortOne.Checkpoint\"" },
            { "{\"version\":1}", "it has no \"format\": \"PortOne.Checkpoint\"" },
            { "{\"format\":1,\"version\":1}", "it has no \"format\": \"PortOne.Checkpoint\"" },
            { "{\"format\":\"PortOne.Checkpoint2\",\"version\":1}", "it has no \"format\": \"PortOne.Checkpoint\"" },
            { "{\"format\":\"PortOne.Checkpoint\",\"version\":2}", "it is version 2, and this module reads version 1 (a newer PortOne module wrote it)" },
            { "{\"format\":\"PortOne.Checkpoint\",\"version\":0}", "it is version 0, and this module reads version 1." },
            { "{\"format\":\"PortOne.Checkpoint\"}", "\"version\" is missing" },
            { SampleText.Replace("\"paid\",\n  \"account\"", "\"\",\n  \"account\""), "an expected text is missing or empty" },
            { SampleText.Replace("\"status\": \"paid\"", "\"status\": 5"), "an expected text is missing or empty" },
            { SampleText.Replace("2023-11-14T22:13:20Z", "2023-11-14 22:13:20"), "" },
            { SampleText.Replace("1700000400, 0]", "1700000400]"), "a state is not [imp_uid, status, at, refunded_at]" },
            { SampleText.Replace("1700000400, 0]", "1700000400, 0, 0]"), "a state is not [imp_uid, status, at, refunded_at]" },
            { SampleText.Replace("[\"imp_a\", \"paid\"", "[\"\", \"paid\""), "an expected text is missing or empty" },
            // start <= readFrom <= keysFrom <= end + 1 s, each broken by one second
            { SampleText.Replace("\"start\": \"2023-11-14T22:13:20Z\"", "\"start\": \"2023-11-14T22:15:01Z\""), "its times are out of order (start <= readFrom <= keysFrom <= end + 1 s)" },
            { SampleText.Replace("\"keysFrom\": \"2023-11-14T22:18:20Z\"", "\"keysFrom\": \"2023-11-14T22:14:59Z\""), "its times are out of order" },
            { SampleText.Replace("\"keysFrom\": \"2023-11-14T22:18:20Z\"", "\"keysFrom\": \"2023-11-14T22:28:22Z\""), "its times are out of order" },
            { "not json {", "" },
        };

        [Theory]
        [MemberData(nameof(Refusals))]
        public void A_file_that_is_not_a_usable_checkpoint_is_CheckpointInvalid_and_says_why(string text, string reason)
        {
            string path = PathOf("bad.checkpoint");
            File.WriteAllText(path, text);
            var failure = Assert.Throws<PortOneException>(() => CheckpointFile.Load(path));
            Assert.Equal(PortOneErrorKind.CheckpointInvalid, failure.Kind);
            Assert.StartsWith($"The checkpoint file '{path}' is not a checkpoint this read can use: ", failure.Message);
            Assert.EndsWith(".", failure.Message);
            Assert.DoesNotContain("..", failure.Message);
            Assert.Contains(reason, failure.Message);
            Assert.Equal(path, failure.CheckpointPath);
        }

        [Theory]
        [InlineData("\"start\": \"2023-11-14T22:15:00Z\"", "\"start\": \"2023-11-14T22:13:20Z\"")]     // start == readFrom
        [InlineData("\"keysFrom\": \"2023-11-14T22:15:00Z\"", "\"keysFrom\": \"2023-11-14T22:18:20Z\"")] // keysFrom == readFrom
        [InlineData("\"keysFrom\": \"2023-11-14T22:28:21Z\"", "\"keysFrom\": \"2023-11-14T22:18:20Z\"")] // keysFrom == end + 1 s
        public void Times_at_the_edges_of_their_order_are_accepted(string replacement, string original)
        {
            string path = PathOf("edge.checkpoint");
            string text = SampleText.Replace(original, replacement);
            File.WriteAllText(path, text);
            Assert.NotNull(CheckpointFile.Load(path));
        }
    }
}
